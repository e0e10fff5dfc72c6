using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class TrainerTests
{
    private static readonly ColourTable Colours = ColourTable.BuiltIn();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_Default_Recipe_Learns_A_Useful_Map_On_Every_Seed(int seed)
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 100_000, seed);
        var heldOut = SimilarityPairSampler.SampleHeldOut(Colours, 10_000, seed);
        var result = Trainer.Train(Colours.Count, training, heldOut, new TrainingOptions { Seed = seed, Epochs = 25 });
        Assert.True(result.Last!.HeldOutAuc >= 0.85, $"seed {seed}: held-out AUC {result.Last.HeldOutAuc}");
        Assert.True(result.Model.Weight < 0);
    }

    [Fact]
    public void The_Default_Start_Keeps_The_Spectral_Candidate_With_The_Lowest_Trial_Loss()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 20_000, seed: 3);
        var result = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Seed = 3, Epochs = 40 });
        // "spectral: candidate k of 6, lowest training loss after 4 epochs (a, b, c, d, e, f)"
        var match = System.Text.RegularExpressions.Regex.Match(result.Start,
            @"^spectral: candidate (\d) of 6, lowest training loss after 4 epochs \(([0-9.]+), ([0-9.]+), ([0-9.]+), ([0-9.]+), ([0-9.]+), ([0-9.]+)\)$");
        Assert.True(match.Success, result.Start);
        var losses = new[] { 2, 3, 4, 5, 6, 7 }.Select(g => double.Parse(match.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(losses.Min(), losses[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1]);
        Assert.Equal(40, result.EpochsCompleted);

        var again = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Seed = 3, Epochs = 40 });
        Assert.Equal(result.Model.Embedding, again.Model.Embedding);
    }

    [Fact]
    public void Uniform_Starts_Say_So_And_Why()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 5_000, seed: 1);
        Assert.Equal("uniform", Trainer.Train(Colours.Count, training, null,
            new TrainingOptions { Recipe = Recipe.NegativeCosine, Epochs = 2 }).Start);
        Assert.Equal("uniform: the spectral start is for up to 3 dimensions", Trainer.Train(Colours.Count, training, null,
            new TrainingOptions { Dims = 4, Epochs = 2 }).Start);
        var negativesOnly = new PairSet(training.Left, training.Right, new float[training.Count]);
        Assert.Equal("uniform: no positive pairs to start from", Trainer.Train(Colours.Count, negativesOnly, null,
            new TrainingOptions { Epochs = 2 }).Start);
    }

    [Fact]
    public void The_Default_Rate_Is_The_Spectral_Starts_Up_To_Three_Dimensions_And_Negative_Cosines_Above()
    {
        Assert.Equal(0.05f, new TrainingOptions { Dims = 2 }.EffectiveLearningRate);
        Assert.Equal(0.05f, new TrainingOptions { Dims = 3 }.EffectiveLearningRate);
        Assert.Equal(Recipe.NegativeCosine.LearningRate, new TrainingOptions { Dims = 4 }.EffectiveLearningRate);
        Assert.Equal(0.02f, new TrainingOptions { Dims = 16 }.EffectiveLearningRate);
        Assert.Equal(0.07f, new TrainingOptions { Dims = 16, LearningRate = 0.07f }.EffectiveLearningRate);
        Assert.Equal(0.02f, new TrainingOptions { Recipe = Recipe.NegativeCosine, Dims = 2 }.EffectiveLearningRate);
        Assert.Equal(1e-3f, new TrainingOptions { Recipe = Recipe.Seed, Dims = 16 }.EffectiveLearningRate);
        // The same uniform start at the same rate: the default above three dimensions trains as negative-cosine does.
        var training = SimilarityPairSampler.SampleTraining(Colours, 3_000, seed: 4);
        var fallback = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Dims = 4, Epochs = 3, Seed = 4 });
        var negative = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Recipe = Recipe.NegativeCosine, Dims = 4, Epochs = 3, Seed = 4 });
        Assert.Equal(negative.Model.Embedding, fallback.Model.Embedding);
    }

    [Fact]
    public void The_Seed_Recipe_Uses_Kerass_Initialisation_And_Steps()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 1000, seed: 0);
        var result = Trainer.Train(Colours.Count, training, null,
            new TrainingOptions { Recipe = Recipe.Seed, Epochs = 2, Batch = 512 });
        Assert.Equal(DistanceWeightForm.Free, result.Model.WeightForm);
        Assert.Equal(4, result.Adam.Step); // 1000 pairs / 512 = 2 steps per epoch, the last partial batch kept
        var fresh = new EmbeddingModel(Colours.Count, 2, DistanceWeightForm.Free);
        fresh.Initialise(Recipe.Seed, new Random(5));
        Assert.All(fresh.Embedding, v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.InRange(fresh.WeightParameter, -MathF.Sqrt(3), MathF.Sqrt(3));
        Assert.Equal(0f, fresh.Bias);
        Assert.Equal(1e-3f, Recipe.Seed.LearningRate);
        Assert.Equal(1e-7f, Recipe.Seed.Adam.Epsilon);
    }

    [Fact]
    public void Snapshots_And_History_Are_Kept_For_Every_Epoch()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 2000, seed: 1);
        var heldOut = SimilarityPairSampler.SampleHeldOut(Colours, 500, seed: 1);
        var epochs = new List<int>();
        var result = Trainer.Train(Colours.Count, training, heldOut, new TrainingOptions { Epochs = 7 },
            new SyncProgress(m => epochs.Add(m.Epoch)));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], epochs);
        Assert.Equal(7, result.Snapshots.Count);
        Assert.Equal(result.Model.Embedding, result.Snapshots[6].ToArray());
        Assert.NotEqual(result.Snapshots[0].ToArray(), result.Snapshots[6].ToArray());
        Assert.All(result.History, m => Assert.InRange(m.HeldOutAuc, 0, 1));
    }

    [Fact]
    public void Cancelling_Stops_After_The_Current_Epoch_And_Marks_The_Result_Partial()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 2000, seed: 1);
        using var cancel = new CancellationTokenSource();
        var result = Trainer.Train(Colours.Count, training, null, new TrainingOptions { Epochs = 50 },
            new SyncProgress(m =>
            {
                if (m.Epoch == 3)
                {
                    cancel.Cancel();
                }
            }), cancel.Token);
        Assert.True(result.Partial);
        Assert.Equal(3, result.EpochsCompleted);
        Assert.Equal(3, result.Snapshots.Count);
    }

    [Fact]
    public void A_Cancelled_Run_With_Held_Out_Pairs_Still_Publishes_Every_Epoch_It_Trained_With_Its_Figures()
    {
        // Held-out figures come two epochs behind training (the evaluation runs beside the next epoch), so the
        // report for epoch 3 arrives while epoch 5 trains: the run stops after epoch 5 and must still publish
        // epochs 4 and 5 with their held-out loss and AUC.
        var training = SimilarityPairSampler.SampleTraining(Colours, 2000, seed: 1);
        var heldOut = SimilarityPairSampler.SampleHeldOut(Colours, 500, seed: 1);
        using var cancel = new CancellationTokenSource();
        var reported = new List<int>();
        var result = Trainer.Train(Colours.Count, training, heldOut, new TrainingOptions { Recipe = Recipe.NegativeCosine, Epochs = 50 },
            new SyncProgress(m =>
            {
                reported.Add(m.Epoch);
                if (m.Epoch == 3)
                {
                    cancel.Cancel();
                }
            }), cancel.Token);
        Assert.True(result.Partial);
        Assert.Equal([1, 2, 3, 4, 5], reported);
        Assert.Equal([1, 2, 3, 4, 5], result.History.Select(h => h.Epoch));
        Assert.All(result.History, h => Assert.InRange(h.HeldOutAuc, 0.5, 1.0));
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.HeldOutLoss)));
        Assert.Equal(5, result.Snapshots.Count);
    }

    [Fact]
    public void A_Diverging_Loss_Stops_With_An_Error_Naming_The_Epoch_And_The_Learning_Rate()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 2000, seed: 1);
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(Colours.Count, training, null,
            new TrainingOptions { Recipe = Recipe.Seed, Epochs = 20, LearningRate = 1e38f }));
        Assert.Contains("try a lower --learning-rate", error.Message);
        Assert.InRange(error.Epoch, 1, 20);
    }

    [Theory]
    [InlineData(0, 500, 512, 1e-3f, "--dims: 0 is out of range")]
    [InlineData(2, 0, 512, 1e-3f, "--epochs: 0 is out of range")]
    [InlineData(2, 500, 0, 1e-3f, "--batch: 0 is out of range")]
    [InlineData(2, 500, 512, 0f, "--learning-rate: 0 is out of range")]
    [InlineData(2, 500, 512, float.NaN, "--learning-rate: NaN is out of range")]
    [InlineData(2, 500, 512, float.PositiveInfinity, "--learning-rate: Infinity is out of range")]
    [InlineData(257, 500, 512, 1e-3f, "--dims: 257 is out of range")]
    public void Options_Out_Of_Range_Are_Refused(int dims, int epochs, int batch, float rate, string expected)
    {
        var options = new TrainingOptions { Dims = dims, Epochs = epochs, Batch = batch, LearningRate = rate };
        var error = Assert.Throws<InputException>(options.Validate);
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Compiling_Ahead_Changes_No_Result_And_A_Kernel_Of_Ones_Own_Fails_Only_The_Run()
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 5_000, seed: 2);
        var heldOut = SimilarityPairSampler.SampleHeldOut(Colours, 2_000, seed: 2);
        var options = new TrainingOptions { Recipe = Recipe.Seed, Seed = 2, Epochs = 3 };
        var plain = Trainer.Train(Colours.Count, training, heldOut, options);
        Trainer.CompileAhead(options);
        var ahead = Trainer.Train(Colours.Count, training, heldOut, options);
        Assert.Equal(plain.Model.Embedding, ahead.Model.Embedding);
        Assert.Equal(plain.History.Select(h => h.HeldOutAuc), ahead.History.Select(h => h.HeldOutAuc));

        // A kernel that cannot take a two-item table is not warmed up: its failure surfaces from the run alone.
        var failing = options with { Kernel = new FailingKernel() };
        Trainer.CompileAhead(failing);
        Assert.Equal("no step", Assert.Throws<InvalidOperationException>(() => Trainer.Train(Colours.Count, training, heldOut, failing)).Message);
    }

    private sealed class FailingKernel : ITrainingKernel
    {
        public string Name => "failing";

        public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate, ReadOnlySpan<int> left,
            ReadOnlySpan<int> right, ReadOnlySpan<float> labels) => throw new InvalidOperationException("no step");

        public BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
            Span<float> scores) => default;
    }

    private sealed class SyncProgress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
