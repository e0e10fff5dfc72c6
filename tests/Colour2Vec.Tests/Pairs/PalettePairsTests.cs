using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class PalettePairsTests
{
    private static int[][] ManyPalettes(int count) =>
        Enumerable.Range(0, count).Select(p => Enumerable.Range(0, 5).Select(s => (p * 7 + s * 3) % 40).ToArray()).ToArray();

    [Fact]
    public void A_Palette_Of_Five_Gives_Ten_Positive_Pairs_One_Per_Unordered_Slot_Pair()
    {
        var (left, right) = PalettePairs.Positives([[10, 11, 12, 13, 14]]);

        Assert.Equal(10, left.Length);
        Assert.Equal(10, PalettePairs.PositiveCount([[10, 11, 12, 13, 14]]));
        Assert.Equal([10, 10, 10, 10, 11, 11, 11, 12, 12, 13], left);
        Assert.Equal([11, 12, 13, 14, 12, 13, 14, 13, 14, 14], right);
    }

    [Fact]
    public void Two_Slots_Holding_The_Same_Item_Still_Give_A_Pair()
    {
        var (left, right) = PalettePairs.Positives([[4, 4, 5]]);
        Assert.Equal([(4, 4), (4, 5), (4, 5)], left.Zip(right));
    }

    [Fact]
    public void The_Held_Out_Split_Is_Ten_Percent_Of_Palettes_Deterministic_And_Seed_Dependent()
    {
        var palettes = ManyPalettes(1000);

        var first = PalettePairs.Split(palettes, seed: 3);
        var again = PalettePairs.Split(palettes, seed: 3);
        var other = PalettePairs.Split(palettes, seed: 4);

        Assert.Equal(100, first.HeldOut.Count);
        Assert.Equal(900, first.Training.Count);
        Assert.Equal(first.HeldOut, again.HeldOut);
        Assert.NotEqual(first.HeldOut, other.HeldOut);
        Assert.Empty(first.Training.Intersect(first.HeldOut));
        // Both parts keep file order.
        var positions = first.HeldOut.Select(p => Array.IndexOf(palettes, p)).ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void An_Epoch_Holds_The_Positives_Then_K_Negatives_Each_Fresh_Per_Epoch_And_Fixed_Per_Seed()
    {
        var training = ManyPalettes(50);
        var (left, right) = PalettePairs.Positives(training);
        var sampler = new NegativeSampler(training, itemCount: 40);

        var epoch0 = PalettePairs.Epoch(left, right, sampler, seed: 1, epoch: 0);
        var epoch0Again = PalettePairs.Epoch(left, right, sampler, seed: 1, epoch: 0);
        var epoch1 = PalettePairs.Epoch(left, right, sampler, seed: 1, epoch: 1);

        Assert.Equal(left.Length * 6, epoch0.Count);
        Assert.Equal(1.0 / 6, epoch0.PositiveFraction, 12);
        Assert.Equal(left, epoch0.Left[..left.Length]);
        Assert.Equal(right, epoch0.Right[..left.Length]);
        for (var k = 0; k < left.Length; k++)
        {
            for (var j = 0; j < 5; j++)
            {
                Assert.Equal(left[k], epoch0.Left[left.Length + k * 5 + j]);
                Assert.Equal(0f, epoch0.Labels[left.Length + k * 5 + j]);
            }
        }
        Assert.Equal(epoch0.Right, epoch0Again.Right);
        Assert.NotEqual(epoch0.Right, epoch1.Right);
    }

    [Fact]
    public void The_Held_Out_Pairs_Are_Their_Palettes_Positives_Plus_Fixed_Negatives()
    {
        var (training, heldOutPalettes) = PalettePairs.Split(ManyPalettes(200), seed: 9);
        var sampler = new NegativeSampler(training, itemCount: 40, negativesPerPositive: 3);

        var heldOut = PalettePairs.HeldOut(heldOutPalettes, sampler, seed: 9);

        Assert.Equal(20 * 10 * 4, heldOut.Count);
        Assert.Equal(0.25, heldOut.PositiveFraction, 12);
        Assert.Equal(heldOut.Right, PalettePairs.HeldOut(heldOutPalettes, sampler, seed: 9).Right);
    }
}
