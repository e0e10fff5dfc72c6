using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class ThresholdPairSamplerTests
{
    private static ItemTable BuiltInChannels()
    {
        var colours = ColourTable.BuiltIn();
        var text = "name,r,g,b\n" + string.Concat(colours.Select((c, i) => $"c{i},{c.R8},{c.G8},{c.B8}\n"));
        return ItemTableReader.Parse(text, "built-in channels");
    }

    [Fact]
    public void The_Positive_Fraction_Matches_Its_Exact_Expectation()
    {
        var items = ItemTableReader.Parse(
            "name,x,y,z\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"i{i},{i % 7},{i * i % 11},{Math.Sin(i):F4}\n")), "t.csv");

        var pairs = ThresholdPairSampler.Sample(items, count: 200_000, seed: 4, threshold: 2, heldOut: false);
        var expected = ThresholdPairSampler.ExpectedPositiveFraction(items, 2);

        // The standard error of a fraction near ¼ over 200,000 pairs is about 0.001.
        Assert.InRange(pairs.PositiveFraction, expected - 0.005, expected + 0.005);
    }

    [Fact]
    public void Training_And_Held_Out_Pairs_Are_Deterministic_And_Independent()
    {
        var items = BuiltInChannels();

        var training = ThresholdPairSampler.Sample(items, 1000, seed: 1, threshold: 2, heldOut: false);
        var again = ThresholdPairSampler.Sample(items, 1000, seed: 1, threshold: 2, heldOut: false);
        var heldOut = ThresholdPairSampler.Sample(items, 1000, seed: 1, threshold: 2, heldOut: true);

        Assert.Equal(training.Left, again.Left);
        Assert.Equal(training.Labels, again.Labels);
        Assert.NotEqual(training.Left, heldOut.Left);
    }

    [Fact]
    public void The_Difference_Is_The_Mean_Squared_Difference_Of_Standardised_Features()
    {
        var items = ItemTableReader.Parse("name,x,y\na,0,0\nb,2,0\nc,4,6\n", "t.csv");
        // x: mean 2, sd √(8/3); y: mean 2, sd √8.
        var expected = (Math.Pow(2 / Math.Sqrt(8.0 / 3), 2) + 0) / 2;
        Assert.Equal(expected, ThresholdPairSampler.Difference(items, 0, 1), 12);
    }

    [Fact]
    public void The_Documented_Threshold_Gives_The_Built_In_Channels_The_Seeds_Positive_Rate()
    {
        var items = BuiltInChannels();
        var seedRate = SimilarityPairSampler.ExpectedPositiveFraction(ColourTable.BuiltIn());

        // The rate rises with the threshold, so bisection finds the one that matches.
        double low = 0.2, high = 20;
        for (var step = 0; step < 24; step++)
        {
            var middle = (low + high) / 2;
            (ThresholdPairSampler.ExpectedPositiveFraction(items, middle) < seedRate ? ref low : ref high) = middle;
        }

        Assert.Equal(ThresholdPairSampler.BuiltInMatchingThreshold, (low + high) / 2, 3);
        Assert.Equal(0.0349, ThresholdPairSampler.ExpectedPositiveFraction(items, SimilarityPairSampler.SeedThreshold), 4);
    }
}
