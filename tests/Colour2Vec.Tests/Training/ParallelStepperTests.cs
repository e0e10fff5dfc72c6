using Colour2Vec.Model;
using Colour2Vec.Tests.Model;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class ParallelStepperTests
{
    [Theory]
    [InlineData(2, 512, 40_000)]
    [InlineData(3, 500, 2_000)]
    [InlineData(2, 9, 5)]
    public void Sharded_Slots_Keep_Each_Shard_In_Its_Own_Range_But_For_The_Listed_Shared_Slots(int threads, int count, int items)
    {
        var model = new EmbeddingModel(items, 8, DistanceWeightForm.Free);
        var batch = new SparseBatch(model, count, threads);
        var (left, right, _) = ModelFixtures.RandomBatch(items, count, seed: count);
        var per = ((count + threads - 1) / threads + 7) & ~7;
        var ends = Enumerable.Range(0, threads).Select(t => Math.Min(count, (t + 1) * per)).ToArray();
        for (var round = 0; round < 2; round++)
        {
            var rows = batch.PrepareShards(model, left, right, ends);
            Assert.Equal(left.Concat(right).Distinct().Count(), rows);
            Assert.Equal(0, batch.ShardSlots[0]);
            Assert.Equal(rows, batch.ShardSlots[threads]);
            var shared = batch.SharedSlots.Take(batch.SharedCount).ToHashSet();
            Assert.Equal(batch.SharedCount, shared.Count);
            var expectedShared = new HashSet<int>();
            var from = 0;
            for (var t = 0; t < threads; t++)
            {
                for (var k = from; k < ends[t]; k++)
                {
                    foreach (var (slot, item) in new[] { (batch.Left[k], left[k]), (batch.Right[k], right[k]) })
                    {
                        Assert.Equal(item, batch.Rows[slot]);
                        Assert.True(slot < batch.ShardSlots[t + 1], $"shard {t} names slot {slot} of a later shard");
                        if (slot < batch.ShardSlots[t])
                        {
                            expectedShared.Add(slot);
                        }
                    }
                }
                from = ends[t];
            }
            Assert.Equal(expectedShared.Order(), shared.Order());
        }
    }

    [Fact]
    public void Every_Thread_Runs_A_Job_And_A_Failure_Reaches_The_Caller()
    {
        var model = new EmbeddingModel(100, 8, DistanceWeightForm.Free);
        using var stepper = new ParallelStepper(FusedKernel.Instance, model, new AdamState(model), AdamSettings.Keras, sparse: true, threads: 3);
        var seen = new int[3];
        stepper.OnEveryThread(thread => Interlocked.Increment(ref seen[thread]));
        stepper.OnEveryThread(thread => Interlocked.Increment(ref seen[thread]));
        Assert.Equal([2, 2, 2], seen);
        var error = Assert.Throws<InvalidOperationException>(() => stepper.OnEveryThread(thread =>
        {
            if (thread == 2)
            {
                throw new IOException("disk gone");
            }
        }));
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void A_Pipeline_Filled_Together_Gives_The_Epochs_And_Side_Work_Of_A_Background_Pipeline()
    {
        var table = ScaleTests.Synthetic(3000, seed: 4);
        var count = 150_001;
        using var background = new EpochPipeline(new GeneratedPairs(table, count, seed: 4));
        var together = EpochPipeline.Together(new GeneratedPairs(table, count, seed: 4), job =>
        {
            var threads = Enumerable.Range(1, 2).Select(t => new Thread(() => job(t))).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }
            job(0);
            foreach (var thread in threads)
            {
                thread.Join();
            }
        });
        using (together)
        {
            for (var epoch = 0; epoch < 3; epoch++)
            {
                var ran = 0;
                var expected = background.Next();
                var actual = together.Next(() => ran++);
                Assert.Equal(1, ran);
                Assert.Equal(expected.Left, actual.Left);
                Assert.Equal(expected.Right, actual.Right);
                Assert.Equal(expected.Labels, actual.Labels);
            }
        }
    }
}
