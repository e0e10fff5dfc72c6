using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class ShuffledPairsTests
{
    private static PairSet Pairs(int count)
    {
        var left = Enumerable.Range(0, count).ToArray();
        var right = left.Select(k => (k * 7) % 1000).ToArray();
        var labels = left.Select(k => (float)(k % 3 == 0 ? 1 : 0)).ToArray();
        return new PairSet(left, right, labels);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(0.0)]
    public void Every_Epoch_Is_A_Permutation_Of_The_Pairs_Whichever_Way_They_Are_Dealt(double slack)
    {
        var pairs = Pairs(50_000);
        var source = new ShuffledPairs(pairs, seed: 3, slack);
        var epoch = new EpochPairs(pairs.Count);
        var previous = Array.Empty<int>();
        for (var e = 0; e < 3; e++)
        {
            source.Fill(e, epoch);
            // Left holds the pair number, so sorting it back must give 0..n-1 with each pair's right and label intact.
            Assert.Equal(Enumerable.Range(0, pairs.Count), epoch.Left.Order());
            for (var k = 0; k < pairs.Count; k++)
            {
                Assert.Equal(pairs.Right[epoch.Left[k]], epoch.Right[k]);
                Assert.Equal(pairs.Labels[epoch.Left[k]], epoch.Labels[k]);
            }
            Assert.NotEqual(previous, epoch.Left);
            Assert.NotEqual(Enumerable.Range(0, pairs.Count), epoch.Left);
            previous = epoch.Left.ToArray();
        }
    }

    [Fact]
    public void The_Same_Seed_Gives_The_Same_Orders()
    {
        var pairs = Pairs(20_000);
        var a = new EpochPairs(pairs.Count);
        var b = new EpochPairs(pairs.Count);
        new ShuffledPairs(pairs, seed: 5).Fill(0, a);
        new ShuffledPairs(pairs, seed: 5).Fill(0, b);
        Assert.Equal(a.Left, b.Left);
        new ShuffledPairs(pairs, seed: 6).Fill(0, b);
        Assert.NotEqual(a.Left, b.Left);
    }
}
