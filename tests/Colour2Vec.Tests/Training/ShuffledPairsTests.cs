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
    [InlineData(10.0, 0L)]
    [InlineData(0.0, 0L)]
    [InlineData(10.0, ShuffledPairs.SingleBucketBytes)]
    public void Every_Epoch_Is_A_Permutation_Of_The_Pairs_Whichever_Way_They_Are_Dealt(double slack, long singleBucketBytes)
    {
        var pairs = Pairs(50_000);
        var source = new ShuffledPairs(pairs, seed: 3, slack, singleBucketBytes: singleBucketBytes);
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
    public void Dealing_By_Counting_After_An_Overflow_Gives_The_Same_Order_As_Dealing_In_One_Pass()
    {
        var pairs = Pairs(30_000);
        var onePass = new EpochPairs(pairs.Count);
        var counted = new EpochPairs(pairs.Count);
        new ShuffledPairs(pairs, seed: 4, slackDeviations: 10, singleBucketBytes: 0).Fill(2, onePass);
        new ShuffledPairs(pairs, seed: 4, slackDeviations: 0, singleBucketBytes: 0).Fill(2, counted);
        Assert.Equal(onePass.Left, counted.Left);
    }

    [Fact]
    public void Pairs_Packed_In_32_Or_64_Bits_Come_Out_In_The_Same_Order_With_Their_Fields_Intact()
    {
        // Indices up to 32,767 pack into 32 bits; the 64-bit packing must give the same epoch.
        var random = new Random(8);
        var left = Enumerable.Range(0, 30_000).Select(_ => random.Next(32_768)).ToArray();
        var right = left.Select(_ => random.Next(32_768)).ToArray();
        var labels = left.Select(_ => (float)random.Next(2)).ToArray();
        var pairs = new PairSet(left, right, labels);
        var narrow = new EpochPairs(pairs.Count);
        var wide = new EpochPairs(pairs.Count);
        new ShuffledPairs(pairs, seed: 1, slackDeviations: 10, singleBucketBytes: 0).Fill(3, narrow);
        new ShuffledPairs(pairs, seed: 1, slackDeviations: 10, wide: true, singleBucketBytes: 0).Fill(3, wide);
        Assert.Equal(wide.Left, narrow.Left);
        Assert.Equal(wide.Right, narrow.Right);
        Assert.Equal(wide.Labels, narrow.Labels);
        Assert.Equal(pairs.Left.Zip(pairs.Right, pairs.Labels).Order(), narrow.Left.Zip(narrow.Right, narrow.Labels).Order());
    }

    [Fact]
    public void Large_Item_Indices_Survive_The_Shuffle()
    {
        var pairs = new PairSet([0, 40_000, 2_000_000_000], [1_999_999_999, 32_768, 7], [1f, 0f, 1f]);
        var epoch = new EpochPairs(pairs.Count);
        new ShuffledPairs(pairs, seed: 2).Fill(0, epoch);
        Assert.Equal(pairs.Left.Zip(pairs.Right, pairs.Labels).Order(), epoch.Left.Zip(epoch.Right, epoch.Labels).Order());
    }

    [Fact]
    public void Parts_Filled_In_Any_Order_And_On_Several_Threads_Give_The_Same_Epoch()
    {
        var pairs = Pairs(40_000);
        var sequential = new EpochPairs(pairs.Count);
        new ShuffledPairs(pairs, seed: 9, slackDeviations: 10, singleBucketBytes: 0).Fill(5, sequential);

        var source = new ShuffledPairs(pairs, seed: 9, slackDeviations: 10, singleBucketBytes: 0);
        var reversed = new EpochPairs(pairs.Count);
        var parts = source.Prepare(5);
        Assert.True(parts > 1);
        for (var part = parts - 1; part >= 0; part--)
        {
            source.FillPart(part, reversed);
        }
        Assert.Equal(sequential.Left, reversed.Left);

        var parallel = new EpochPairs(pairs.Count);
        Parallel.For(0, source.Prepare(5), new ParallelOptions { MaxDegreeOfParallelism = 4 }, part => source.FillPart(part, parallel));
        Assert.Equal(sequential.Left, parallel.Left);
        Assert.Equal(sequential.Labels, parallel.Labels);
    }

    [Fact]
    public void Pairs_That_Fit_In_The_Single_Bucket_Size_Are_Shuffled_As_One_Part_And_Larger_Sets_In_Several()
    {
        // 131,072 pairs of items below 32,768 pack into exactly 512 KB at 32 bits; one more pair takes the
        // bucketed path, and so do the same pairs packed in 64 bits.
        static PairSet SmallItems(int count) => new(Enumerable.Range(0, count).Select(k => k % 1000).ToArray(),
            Enumerable.Range(0, count).Select(k => (k * 7) % 1000).ToArray(), new float[count]);
        Assert.Equal(1, new ShuffledPairs(SmallItems(131_072), seed: 1).Prepare(0));
        Assert.True(new ShuffledPairs(SmallItems(131_073), seed: 1).Prepare(0) > 1);
        Assert.True(new ShuffledPairs(SmallItems(131_072), seed: 1, slackDeviations: 10, wide: true).Prepare(0) > 1);
    }

    [Fact]
    public void The_Pipeline_Hands_Out_Each_Epoch_As_The_Source_Fills_It_Alone()
    {
        var pairs = Pairs(25_000);
        var alone = new ShuffledPairs(pairs, seed: 2);
        var expected = new EpochPairs(pairs.Count);
        var sideWork = 0;
        using var pipeline = new EpochPipeline(new ShuffledPairs(pairs, seed: 2));
        for (var e = 0; e < 4; e++)
        {
            var epoch = pipeline.Next(() => Interlocked.Increment(ref sideWork));
            alone.Fill(e, expected);
            Assert.Equal(expected.Left, epoch.Left);
            Assert.Equal(expected.Right, epoch.Right);
        }
        pipeline.Join();
        Assert.Equal(4, sideWork);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(ShuffledPairs.SingleBucketBytes)]
    public void Every_Position_Is_Equally_Likely_For_A_Pair(long singleBucketBytes)
    {
        // 6,000 pairs deal into four buckets, or are shuffled as one. Where pair 0 and pair 5,999 land over 4,000
        // epochs, in ten equal position bands, must look uniform (chi-square, 9 degrees of freedom: 27.9 is the
        // 0.1 % point), and pair 0 must precede pair 1 in about half of the epochs.
        const int count = 6_000, epochs = 4_000, bands = 10;
        var pairs = Pairs(count);
        var source = new ShuffledPairs(pairs, seed: 11, slackDeviations: 10, singleBucketBytes: singleBucketBytes);
        var epoch = new EpochPairs(count);
        var first = new int[bands];
        var last = new int[bands];
        var zeroBeforeOne = 0;
        for (var e = 0; e < epochs; e++)
        {
            source.Fill(e, epoch);
            var at0 = Array.IndexOf(epoch.Left, 0);
            var at1 = Array.IndexOf(epoch.Left, 1);
            first[at0 * bands / count]++;
            last[Array.IndexOf(epoch.Left, count - 1) * bands / count]++;
            zeroBeforeOne += at0 < at1 ? 1 : 0;
        }
        Assert.InRange(ChiSquare(first, epochs / (double)bands), 0, 27.9);
        Assert.InRange(ChiSquare(last, epochs / (double)bands), 0, 27.9);
        // Binomial(4000, 0.5): sd 31.6, so ±130 is over four sd.
        Assert.InRange(zeroBeforeOne, epochs / 2 - 130, epochs / 2 + 130);
    }

    [Fact]
    public void A_Source_That_Fails_While_Preparing_Fails_The_Pipeline_Instead_Of_Hanging_It()
    {
        var source = new FailingSource(failAtEpoch: 2);
        using var pipeline = new EpochPipeline(source);
        pipeline.Next();
        pipeline.Next();
        var failure = Assert.Throws<InvalidOperationException>(() => pipeline.Next());
        Assert.Equal("epoch 2 cannot be prepared", failure.Message);
    }

    private sealed class FailingSource(int failAtEpoch) : IPartitionedEpochSource
    {
        public int Count => 16;

        public void Fill(int epoch, EpochPairs target)
        {
        }

        public int Prepare(int epoch) =>
            epoch == failAtEpoch ? throw new InvalidOperationException($"epoch {epoch} cannot be prepared") : 4;

        public void FillPart(int part, EpochPairs target) => target.Left[part] = part;
    }

    private static double ChiSquare(int[] observed, double expected) =>
        observed.Sum(o => (o - expected) * (o - expected) / expected);

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
