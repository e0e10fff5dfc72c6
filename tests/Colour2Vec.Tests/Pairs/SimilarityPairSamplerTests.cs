using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class SimilarityPairSamplerTests
{
    private static readonly ColourTable Table = ColourTableReader.Parse(
        "name,r,g,b\nblack,0,0,0\nwhite,255,255,255\ngrey,128,128,128\nred,255,0,0\ndark red,200,10,10\nnavy,0,0,128\n", "t");

    [Fact]
    public void The_Positive_Fraction_Matches_Its_Exact_Expectation()
    {
        const int count = 200_000;
        var pairs = SimilarityPairSampler.SampleTraining(Table, count, seed: 3);
        var expected = SimilarityPairSampler.ExpectedPositiveFraction(Table);
        var sigma = Math.Sqrt(expected * (1 - expected) / count);
        Assert.InRange(pairs.PositiveFraction, expected - 4 * sigma, expected + 4 * sigma);
    }

    [Fact]
    public void The_Rule_Is_The_Seeds_Mean_Squared_Difference_Against_Point_Two_U_Squared()
    {
        // black vs white differ by 1 in every channel: diff = 1 > 0.2, never positive; identical colours always are.
        Assert.Equal(0, SimilarityPairSampler.PositiveProbability(SimilarityPairSampler.Difference(Table, 0, 1)));
        Assert.Equal(1, SimilarityPairSampler.PositiveProbability(SimilarityPairSampler.Difference(Table, 2, 2)));
        var pairs = SimilarityPairSampler.SampleTraining(Table, 5_000, seed: 1);
        for (var k = 0; k < pairs.Count; k++)
        {
            if ((pairs.Left[k], pairs.Right[k]) is (0, 1) or (1, 0))
            {
                Assert.Equal(0f, pairs.Labels[k]);
            }
            if (pairs.Left[k] == pairs.Right[k])
            {
                Assert.Equal(1f, pairs.Labels[k]);
            }
        }
    }

    [Fact]
    public void The_Built_In_Table_Gives_About_A_Quarter_Positive()
    {
        var pairs = SimilarityPairSampler.SampleTraining(ColourTable.BuiltIn(), 100_000, seed: 0);
        Assert.InRange(pairs.PositiveFraction, 0.23, 0.26);
    }

    [Fact]
    public void The_Same_Seed_Gives_The_Same_Pairs_And_Held_Out_Pairs_Differ()
    {
        var a = SimilarityPairSampler.SampleTraining(Table, 1000, seed: 7);
        var b = SimilarityPairSampler.SampleTraining(Table, 1000, seed: 7);
        var heldOut = SimilarityPairSampler.SampleHeldOut(Table, 1000, seed: 7);
        Assert.Equal(a.Left, b.Left);
        Assert.Equal(a.Right, b.Right);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Left, heldOut.Left);
        Assert.NotEqual(a.Left, SimilarityPairSampler.SampleTraining(Table, 1000, seed: 8).Left);
    }
}
