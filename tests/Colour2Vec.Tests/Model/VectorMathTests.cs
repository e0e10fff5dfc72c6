using System.Runtime.Intrinsics;
using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class VectorMathTests
{
    [Fact]
    public void The_Log_Of_A_Product_Of_Sigmoid_Denominators_Is_The_Sum_Of_Their_Logs()
    {
        // What the d = 2 step does with its loss: multiply up to 64 factors 1 + e^−|s| per lane, then take one log.
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var factors = random.Next(1, 65);
            var product = new float[8];
            var logs = new double[8];
            Array.Fill(product, 1f);
            for (var f = 0; f < factors; f++)
            {
                for (var lane = 0; lane < 8; lane++)
                {
                    var factor = 1f + MathF.Exp(-(float)(random.NextDouble() * 20));
                    product[lane] *= factor;
                    logs[lane] += Math.Log(factor);
                }
            }
            var actual = VectorMath.LogAtLeastOne(Vector256.Create(product));
            for (var lane = 0; lane < 8; lane++)
            {
                // The product itself rounds once a factor: about 6e-8 of the sum each.
                Assert.Equal(logs[lane], actual[lane], Math.Max(1e-6, 1.2e-7 * factors * logs[lane]));
            }
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(1.9999999f)]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(1e10f)]
    [InlineData(1.8e19f)]
    public void LogAtLeastOne_Matches_Math_Log(float x)
    {
        var actual = VectorMath.LogAtLeastOne(Vector256.Create(x));
        for (var lane = 0; lane < 8; lane++)
        {
            Assert.Equal(Math.Log(x), actual[lane], Math.Max(1e-7, 2e-7 * Math.Log(x)));
        }
    }
}
