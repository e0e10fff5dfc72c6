using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class GradientTests
{
    [Theory]
    [InlineData(DistanceWeightForm.Free, 2)]
    [InlineData(DistanceWeightForm.NegativeSoftplus, 2)]
    [InlineData(DistanceWeightForm.NegativeSoftplus, 5)]
    public void Every_Gradient_Matches_Central_Finite_Differences(DistanceWeightForm form, int dims)
    {
        var model = ModelFixtures.RandomModel(items: 6, dims, form, seed: 1);
        var (left, right, labels) = ModelFixtures.RandomBatch(items: 6, count: 40, seed: 2);
        var gradEmbedding = new float[model.Embedding.Length];
        ScalarKernel.Backward(model, left, right, labels, gradEmbedding, out var gradWeight, out var gradBias);

        const float h = 1e-2f;
        double Numeric(Action<float> set, float value)
        {
            set(value + h);
            var plus = ModelFixtures.MeanLoss(model, left, right, labels);
            set(value - h);
            var minus = ModelFixtures.MeanLoss(model, left, right, labels);
            set(value);
            return (plus - minus) / (2 * h);
        }

        for (var k = 0; k < model.Embedding.Length; k++)
        {
            var index = k;
            var expected = Numeric(v => model.Embedding[index] = v, model.Embedding[k]);
            Assert.True(Math.Abs(expected - gradEmbedding[k]) < 2e-3 + 1e-2 * Math.Abs(expected),
                $"embedding[{k}]: analytic {gradEmbedding[k]}, numeric {expected}");
        }
        var expectedWeight = Numeric(v => model.WeightParameter = v, model.WeightParameter);
        Assert.True(Math.Abs(expectedWeight - gradWeight) < 2e-3 + 1e-2 * Math.Abs(expectedWeight), $"weight: {gradWeight} vs {expectedWeight}");
        var expectedBias = Numeric(v => model.Bias = v, model.Bias);
        Assert.True(Math.Abs(expectedBias - gradBias) < 2e-3 + 1e-2 * Math.Abs(expectedBias), $"bias: {gradBias} vs {expectedBias}");
    }

    [Fact]
    public void The_Loss_Totals_Match_The_Definition()
    {
        var model = ModelFixtures.RandomModel(items: 9, dims: 3, DistanceWeightForm.Free, seed: 4);
        var (left, right, labels) = ModelFixtures.RandomBatch(items: 9, count: 100, seed: 5);
        var totals = ScalarKernel.Backward(model, left, right, labels, new float[model.Embedding.Length], out _, out _);
        Assert.Equal(ModelFixtures.MeanLoss(model, left, right, labels), totals.LossSum / left.Length, 5);
    }
}
