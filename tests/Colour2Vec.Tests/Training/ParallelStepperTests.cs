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
        var ends = Enumerable.Range(0, threads).Select(t => Shard(count, threads, t).To).ToArray();
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

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Sparse_Steps_On_Threads_Sum_Each_Rows_Shard_Gradients_In_Thread_Order_And_Update_It_Once(int threads, bool interleaved)
    {
        // A reference written out plainly: each shard's gradient on the whole table, the shards summed in thread order,
        // sparse Adam on the rows the batch names, each with the steps it missed since it was last named. Six full batches and a short last one (shorter shards, a partial chunk of
        // eight), three epochs. On interleaved rows the gradient reads the rows where they lie instead of a gathered copy.
        const int items = 400, dims = 16, batch = 96, count = 6 * batch + 37;
        var model = ModelFixtures.RandomModel(items, dims, DistanceWeightForm.NegativeSoftplus, seed: threads);
        var reference = model.Clone();
        var adam = new AdamState(model);
        var referenceAdam = new AdamState(reference);
        var lastNamed = new long[items];
        var (left, right, labels) = ModelFixtures.RandomBatch(items, count, seed: 40 + threads);
        var pairs = new EpochPairs(count);
        using var rows = interleaved ? new InterleavedRows(items, dims) : null;
        rows?.Load(model, adam);
        using var stepper = new ParallelStepper(FusedKernel.Instance, model, adam, AdamSettings.Keras, sparse: true, threads, rows);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            left.CopyTo(pairs.Left, 0);
            right.CopyTo(pairs.Right, 0);
            labels.CopyTo(pairs.Labels, 0);
            var totals = stepper.Epoch(pairs, batch, 1e-2f);
            var referenceLoss = 0.0;
            for (var start = 0; start < count; start += batch)
            {
                var length = Math.Min(batch, count - start);
                referenceLoss += ReferenceStep(reference, referenceAdam, lastNamed, threads, left.AsSpan(start, length),
                    right.AsSpan(start, length), labels.AsSpan(start, length), 1e-2f);
            }
            Assert.Equal(referenceLoss, totals.LossSum, 1e-9);
            rows?.StoreValues(model);
            rows?.StoreMoments(adam);
            ModelFixtures.AssertSameState(reference, referenceAdam, model, adam);
        }
        // Rows were left out of steps, so the steps they missed were taken.
        Assert.Contains(lastNamed, step => step > 0 && step < referenceAdam.Step - 1);
    }

    /// <summary>
    /// Thread t's pairs of a batch, written out apart from the stepper: contiguous, a multiple of eight long, the last
    /// thread (which also maps the next batch) taking the rest after the others' count / (threads − 1/4) each.
    /// </summary>
    private static (int From, int To) Shard(int count, int threads, int t)
    {
        var per = ((int)Math.Ceiling(count / (threads - 0.25)) + 7) & ~7;
        return (Math.Min(count, t * per), t == threads - 1 ? count : Math.Min(count, (t + 1) * per));
    }

    private static double ReferenceStep(EmbeddingModel model, AdamState adam, long[] lastNamed, int threads, ReadOnlySpan<int> left,
        ReadOnlySpan<int> right, ReadOnlySpan<float> labels, float learningRate)
    {
        var count = left.Length;
        var sum = new float[model.Embedding.Length];
        float gradWeight = 0, gradBias = 0;
        var loss = 0.0;
        for (var t = 0; t < threads; t++)
        {
            var (from, to) = Shard(count, threads, t);
            if (to == from)
            {
                continue;
            }
            var gradient = new float[model.Embedding.Length];
            loss += FusedKernel.Instance.Accumulate(model, left[from..to], right[from..to], labels[from..to], 1f / count, gradient,
                out var shardWeight, out var shardBias).LossSum;
            gradWeight = t == 0 ? shardWeight : gradWeight + shardWeight;
            gradBias = t == 0 ? shardBias : gradBias + shardBias;
            for (var e = 0; e < sum.Length; e++)
            {
                sum[e] = t == 0 ? gradient[e] : sum[e] + gradient[e];
            }
        }
        var rows = left.ToArray().Concat(right.ToArray()).Distinct().ToArray();
        var rowGradients = rows.SelectMany(r => sum.Skip(r * model.Dims).Take(model.Dims)).ToArray();
        adam.Step++;
        // The steps each row missed: those between the step that last named it (0 for none) and this one.
        var missed = rows.Select(r => (int)(adam.Step - 1 - lastNamed[r])).ToArray();
        foreach (var r in rows)
        {
            lastNamed[r] = adam.Step;
        }
        var stepSize = AdamSettings.Keras.StepSize(learningRate, adam.Step);
        FusedKernel.Instance.SparseAdam(model, adam, AdamSettings.Keras, stepSize, rows, missed, rowGradients);
        ScalarKernel.UpdateWeightAndBias(model, adam, AdamSettings.Keras, stepSize, gradWeight, gradBias);
        return loss;
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
