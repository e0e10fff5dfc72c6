using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class PaletteNegativeSamplerTests
{
    // Item i appears in (i + 1)² slots; item 5 appears in none.
    private static int[][] Skewed() =>
        [Enumerable.Range(0, 5).SelectMany(i => Enumerable.Repeat(i, (i + 1) * (i + 1))).ToArray()];

    [Fact]
    public void Probabilities_Are_Counts_To_The_Power_Three_Quarters()
    {
        var sampler = new NegativeSampler(Skewed(), itemCount: 6);

        var weights = Enumerable.Range(0, 5).Select(i => Math.Pow((i + 1) * (i + 1), 0.75)).ToArray();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(weights[i] / weights.Sum(), sampler.Probability(i), 12);
        }
        Assert.Equal(0, sampler.Probability(5));
    }

    [Fact]
    public void Draws_Follow_The_Unigram_Power_Distribution()
    {
        var sampler = new NegativeSampler(Skewed(), itemCount: 6);
        var random = new Random(12);
        const int draws = 400_000;
        var counts = new int[6];
        for (var k = 0; k < draws; k++)
        {
            counts[sampler.Sample(random)]++;
        }

        Assert.Equal(0, counts[5]);
        // Pearson's chi-square over 5 cells has 4 degrees of freedom; 18.5 is its 0.999 quantile.
        double chiSquare = 0;
        for (var i = 0; i < 5; i++)
        {
            var expected = draws * sampler.Probability(i);
            chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        Assert.True(chiSquare < 18.5, $"chi-square {chiSquare:F2}");
    }

    [Fact]
    public void Fill_Writes_K_Negatives_Per_Anchor_And_Never_The_Anchor_Itself()
    {
        var sampler = new NegativeSampler(Skewed(), itemCount: 6, negativesPerPositive: 4);
        int[] anchors = [4, 0, 4, 2];
        var left = new int[16];
        var right = new int[16];

        sampler.Fill(left, right, anchors, new Random(1));

        Assert.Equal(anchors.SelectMany(a => Enumerable.Repeat(a, 4)), left);
        Assert.All(left.Zip(right), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Throws<ArgumentException>(() => sampler.Fill(left.AsSpan(1), right, anchors, new Random(1)));
    }

    [Fact]
    public void Items_Outside_The_Table_Are_Refused()
    {
        Assert.Throws<ArgumentException>(() => new NegativeSampler([[0, 7]], itemCount: 5));
    }
}
