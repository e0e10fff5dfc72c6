using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Storage;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class ScaleTests
{
    private static readonly ColourTable Colours = ColourTable.BuiltIn();

    /// <summary>Uniform random RGB colours, the stand-in for a large named table.</summary>
    internal static ColourTable Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var colours = new Colour[count];
        for (var i = 0; i < count; i++)
        {
            colours[i] = Colour.FromBytes($"c{i}", (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        }
        return new ColourTable(colours, "synthetic");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(-3)]
    public void Thread_Counts_Outside_1_To_64_Are_Refused(int threads)
    {
        var error = Assert.Throws<InputException>(new TrainingOptions { Threads = threads }.Validate);
        Assert.Equal($"--threads: {threads} is out of range; expected 1 to 64", error.Message);
    }

    [Theory]
    [InlineData(Optimizer.Dense, 9)]
    [InlineData(Optimizer.Sparse, 9)]
    [InlineData(Optimizer.Sparse, 16)]
    public void Two_Threads_Give_The_Same_Bytes_Every_Run_And_Nearly_What_One_Thread_Gives(Optimizer optimizer, int dims)
    {
        var table = Synthetic(3000, seed: 1);
        var source = () => new GeneratedPairs(table, 20_000, seed: 2);
        var heldOut = SimilarityPairSampler.SampleHeldOut(table, 2000, seed: 2);
        var options = new TrainingOptions { Dims = dims, Epochs = 3, Seed = 2, Optimizer = optimizer, Threads = 2 };
        var first = Trainer.Train(table.Count, source(), heldOut, options);
        var second = Trainer.Train(table.Count, source(), heldOut, options);
        var single = Trainer.Train(table.Count, source(), heldOut, options with { Threads = 1 });
        Assert.Equal(2, first.Threads);
        Assert.Equal(optimizer, first.Optimizer);
        Assert.Equal(first.Model.Embedding, second.Model.Embedding);
        Assert.Equal(first.Model.Bias, second.Model.Bias);
        Assert.Equal(first.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
        Assert.Equal(single.Last!.Loss, first.Last!.Loss, 1e-3);
        Assert.Equal(single.Last.HeldOutAuc, first.Last.HeldOutAuc, 1e-2);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(9, 2)]
    [InlineData(16, 1)]
    [InlineData(16, 2)]
    public void The_Sparse_Warm_Up_Runs_Through_And_Changes_No_Result(int dims, int threads)
    {
        // Train starts the warm-up on a thread of its own and ignores its failures (the run would report them), so it is
        // run here directly: it must get through every path it is meant to compile, and leave training as it was.
        var table = Synthetic(3000, seed: 1);
        var options = new TrainingOptions { Dims = dims, Epochs = 2, Seed = 3, Optimizer = Optimizer.Sparse, Threads = threads };
        var before = Trainer.Train(table.Count, new GeneratedPairs(table, 10_000, seed: 3), null, options);
        Trainer.WarmUpSparse(options, generatedPairs: true, threads);
        // Stored pairs: their shuffle dealt into buckets instead of the generated fill.
        Trainer.WarmUpSparse(options, generatedPairs: false, threads);
        var after = Trainer.Train(table.Count, new GeneratedPairs(table, 10_000, seed: 3), null, options);
        Assert.Equal(Optimizer.Sparse, after.Optimizer);
        Assert.Equal(before.Model.Embedding, after.Model.Embedding);
        Assert.Equal(before.History.Select(h => h.Loss), after.History.Select(h => h.Loss));
    }

    /// <summary>The fused kernel seen only through the public interface, so training takes the plain sparse path.</summary>
    private sealed class PlainFused : ITrainingKernel
    {
        public string Name => "plain fused";

        public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate, ReadOnlySpan<int> left,
            ReadOnlySpan<int> right, ReadOnlySpan<float> labels) =>
            FusedKernel.Instance.Step(model, adam, settings, learningRate, left, right, labels);

        public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate, ReadOnlySpan<int> left,
            ReadOnlySpan<int> right, ReadOnlySpan<float> labels, Optimizer optimizer) =>
            FusedKernel.Instance.Step(model, adam, settings, learningRate, left, right, labels, optimizer);

        public BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
            Span<float> scores) => FusedKernel.Instance.Evaluate(model, left, right, labels, scores);
    }

    [Fact]
    public void Sparse_Training_On_Interleaved_Rows_Gives_The_Bytes_Of_The_Plain_Sparse_Path_Snapshots_And_Moments_Included()
    {
        var table = Synthetic(4000, seed: 5);
        var heldOut = SimilarityPairSampler.SampleHeldOut(table, 1000, seed: 5);
        var options = new TrainingOptions { Dims = 16, Epochs = 3, Seed = 5, Optimizer = Optimizer.Sparse, Threads = 1 };
        var interleaved = Trainer.Train(table.Count, new GeneratedPairs(table, 30_000, seed: 5), heldOut, options);
        var plain = Trainer.Train(table.Count, new GeneratedPairs(table, 30_000, seed: 5), heldOut, options with { Kernel = new PlainFused() });
        Assert.Equal("fused", interleaved.Kernel);
        Assert.Equal("plain fused", plain.Kernel);
        Assert.Equal(plain.Model.Embedding, interleaved.Model.Embedding);
        Assert.Equal(plain.Adam.MomentEmbedding, interleaved.Adam.MomentEmbedding);
        Assert.Equal(plain.Adam.VelocityEmbedding, interleaved.Adam.VelocityEmbedding);
        Assert.Equal(plain.History.Select(h => h.HeldOutAuc), interleaved.History.Select(h => h.HeldOutAuc));
        for (var s = 0; s < plain.Snapshots.Count; s++)
        {
            Assert.Equal(plain.Snapshots[s].ToArray(), interleaved.Snapshots[s].ToArray());
        }
    }

    [Fact]
    public void Sparse_Training_On_A_Large_Table_Learns_About_As_Well_As_Dense()
    {
        var table = Synthetic(5000, seed: 3);
        var heldOut = SimilarityPairSampler.SampleHeldOut(table, 5000, seed: 3);
        var options = new TrainingOptions { Dims = 16, Epochs = 4, Seed = 3, Threads = 1 };
        var sparse = Trainer.Train(table.Count, new GeneratedPairs(table, 400_000, seed: 3), heldOut, options);
        var dense = Trainer.Train(table.Count, new GeneratedPairs(table, 400_000, seed: 3), heldOut,
            options with { Optimizer = Optimizer.Dense });
        Assert.Equal(Optimizer.Sparse, sparse.Optimizer);
        Assert.StartsWith("sparse:", sparse.OptimizerReason);
        Assert.True(sparse.Last!.HeldOutAuc >= 0.75, $"held-out AUC {sparse.Last.HeldOutAuc}");
        Assert.True(sparse.Last.HeldOutAuc >= dense.Last!.HeldOutAuc - 0.05, $"sparse {sparse.Last.HeldOutAuc}, dense {dense.Last.HeldOutAuc}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_Sparse_Run_Ends_With_No_Row_Owing_A_Step_And_Continues_Alike_From_Memory_And_From_Its_File(int threads)
    {
        var table = Synthetic(3000, seed: 4);
        var options = new TrainingOptions { Dims = 8, Epochs = 2, Seed = 4, Threads = threads, Optimizer = Optimizer.Sparse };
        var first = Trainer.Train(table.Count, new GeneratedPairs(table, 60_000, seed: 4), null, options);
        Assert.Equal(Optimizer.Sparse, first.Optimizer);
        // Each epoch ends with every row brought up to the last step: settling once more changes nothing.
        var values = first.Model.Embedding.ToArray();
        var moments = first.Adam.MomentEmbedding.ToArray();
        AdamCatchUp.Settle(first.Model, first.Adam, options.Recipe.Adam, 1e-2f);
        Assert.Equal(values, first.Model.Embedding);
        Assert.Equal(moments, first.Adam.MomentEmbedding);
        // So a model read back from its file, whose rows owe nothing, trains on exactly as the one in memory.
        using var folder = new TempFolder();
        using (var stream = File.Create(folder.File(RunFiles.Model)))
        {
            ModelFile.Write(stream, table, first);
        }
        var saved = SavedModel.Load(folder.Path);
        var more = options with { Epochs = 1 };
        var fromMemory = Trainer.Continue(first.Model, first.Adam, new GeneratedPairs(table, 60_000, seed: 5), null, more);
        var fromFile = Trainer.Continue(saved.Model, saved.Adam, new GeneratedPairs(table, 60_000, seed: 5), null, more);
        Assert.Equal(fromMemory.Model.Embedding, fromFile.Model.Embedding);
        Assert.Equal(fromMemory.Adam.VelocityEmbedding, fromFile.Adam.VelocityEmbedding);
        Assert.NotEqual(values, fromFile.Model.Embedding);
    }

    [Theory]
    [InlineData(658, 2, null, null)]
    [InlineData(658, 16, null, null)]
    [InlineData(20_000, 16, null, null)]
    [InlineData(20_000, 16, null, 1)]
    [InlineData(31_918, 2, Optimizer.Dense, null)]
    [InlineData(4_000, 2, Optimizer.Sparse, 3)]
    public void The_Choice_Compiled_Ahead_Is_The_Plans(int items, int dims, Optimizer? optimizer, int? threads)
    {
        // The command line compiles a run's path from this choice before it samples the pairs; Train then plans the run.
        var options = new TrainingOptions { Dims = dims, Optimizer = optimizer ?? Optimizer.Auto, Threads = threads };
        var plan = TrainingPlan.For(items, options, pairsPerEpoch: 1000, storedPairBytes: 0, heldOutPairs: 0);
        Assert.Equal((plan.Optimizer, plan.Threads), TrainingPlan.Choose(items, options));
    }

    [Fact]
    public void The_Choice_Compiled_Ahead_Is_Sparse_On_Every_Core_For_Color_Name_List_And_Dense_On_One_For_The_Built_In_Table()
    {
        Assert.Equal((Optimizer.Sparse, Math.Min(Environment.ProcessorCount, TrainingOptions.MaxThreads)),
            TrainingPlan.Choose(31_918, new TrainingOptions { Dims = 16 }));
        Assert.Equal((Optimizer.Dense, 1), TrainingPlan.Choose(658, new TrainingOptions()));
    }

    [Fact]
    public void Auto_Picks_Dense_For_The_Seed_Recipe_And_Small_Tables_And_One_Thread_For_Small_Tables()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 1000, seed: 0);
        var seed = Trainer.Train(20_000, training, null, new TrainingOptions { Recipe = Recipe.Seed, Epochs = 1 });
        Assert.Equal(Optimizer.Dense, seed.Optimizer);
        Assert.Contains("--recipe seed", seed.OptimizerReason);
        var small = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Epochs = 1 });
        Assert.Equal(Optimizer.Dense, small.Optimizer);
        Assert.Equal(1, small.Threads);
        var large = Trainer.Train(20_000, training, null, new TrainingOptions { Epochs = 1, Dims = 16 });
        Assert.Equal(Optimizer.Sparse, large.Optimizer);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 64), large.Threads);
    }

    [Fact]
    public void A_Table_Too_Large_For_Memory_Is_Refused_With_The_Estimate_Before_Allocating()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 100, seed: 0);
        var error = Assert.Throws<InputException>(() =>
            Trainer.Train(400_000_000, training, null, new TrainingOptions { Dims = 256, Epochs = 1 }));
        Assert.Contains("400,000,000 items at d = 256 needs about", error.Message);
        Assert.Contains("the limit is", error.Message);
    }

    [Fact]
    public void Generated_Pairs_Are_Fixed_And_Each_Epoch_Visits_Every_Pair_Once_In_A_New_Order()
    {
        var source = new GeneratedPairs(Colours, 10_007, seed: 4);
        var again = new GeneratedPairs(Colours, 10_007, seed: 4);
        var epoch0 = new EpochPairs(source.Count);
        var epoch1 = new EpochPairs(source.Count);
        source.Fill(0, epoch0);
        source.Fill(1, epoch1);
        var repeat = new EpochPairs(source.Count);
        again.Fill(1, repeat);
        Assert.Equal(epoch1.Left, repeat.Left);
        Assert.NotEqual(epoch0.Left, epoch1.Left);
        string Key(EpochPairs pairs, int k) => $"{pairs.Left[k]},{pairs.Right[k]},{pairs.Labels[k]}";
        var all0 = Enumerable.Range(0, source.Count).Select(k => Key(epoch0, k)).Order().ToArray();
        var all1 = Enumerable.Range(0, source.Count).Select(k => Key(epoch1, k)).Order().ToArray();
        Assert.Equal(all0, all1);
        var positive = epoch0.Labels.Average();
        Assert.InRange(positive, SimilarityPairSampler.ExpectedPositiveFraction(Colours) - 0.02,
            SimilarityPairSampler.ExpectedPositiveFraction(Colours) + 0.02);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    [InlineData(65_537)]
    public void An_Index_Permutation_Is_A_Bijection(int count)
    {
        var permutation = new IndexPermutation(count, key: 42);
        var seen = new bool[count];
        for (var k = 0; k < count; k++)
        {
            var index = permutation[k];
            Assert.False(seen[index]);
            seen[index] = true;
        }
        // Eight positions at once give the same indices (the vectorised fill relies on it).
        for (var k = 0; k + 8 <= count; k += 8)
        {
            var eight = permutation.At(System.Runtime.Intrinsics.Vector256.Create((uint)k) +
                System.Runtime.Intrinsics.Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7));
            for (var lane = 0; lane < 8; lane++)
            {
                Assert.Equal(permutation[k + lane], (int)eight[lane]);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(646, 8)]
    [InlineData(646, 9)]
    [InlineData(31_918, 10_007)]
    public void A_Filled_Epoch_Is_Pair_Of_Each_Position_Of_The_Order_Bit_For_Bit(int items, int count)
    {
        var table = items == 646 ? Colours : Synthetic(items, seed: items);
        var source = new GeneratedPairs(table, count, seed: 5);
        var epoch = new EpochPairs(count);
        foreach (var number in new[] { 0, 3 })
        {
            source.Fill(number, epoch);
            var order = source.Order(number);
            for (var k = 0; k < count; k++)
            {
                var (left, right, label) = source.Pair(order[k]);
                Assert.True(epoch.Left[k] == left && epoch.Right[k] == right && epoch.Labels[k] == label,
                    $"epoch {number}, position {k}: ({epoch.Left[k]}, {epoch.Right[k]}, {epoch.Labels[k]}) against ({left}, {right}, {label})");
            }
        }
    }

    [Fact]
    public void Snapshots_Beyond_The_Budget_Follow_The_Quadratic_Schedule_With_The_First_And_Last_Epoch()
    {
        var all = TrainingPlan.SnapshotSchedule(500, 2_000_000, 2_000_000L * 500);
        Assert.Equal(Enumerable.Range(1, 500), all);
        var some = TrainingPlan.SnapshotSchedule(500, 2_000_000, 2_000_000L * 64);
        Assert.InRange(some.Length, 2, 64);
        Assert.Equal(1, some[0]);
        Assert.Equal(500, some[^1]);
        Assert.True(some[1] - some[0] < some[^1] - some[^2], "early epochs are kept more densely");
        Assert.Equal([1, 500], TrainingPlan.SnapshotSchedule(500, 2_000_000, 0));

        var training = SimilarityPairSampler.SampleTraining(Colours, 2000, seed: 1);
        var bytes = Colours.Count * 2 * sizeof(float);
        var result = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Epochs = 20, SnapshotBudgetBytes = 5L * bytes });
        Assert.Equal(TrainingPlan.SnapshotSchedule(20, bytes, 5L * bytes), result.Snapshots.Epochs);
        Assert.Equal(result.Model.Embedding, result.Snapshots[result.Snapshots.Count - 1].ToArray());
    }
}
