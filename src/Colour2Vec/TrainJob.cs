using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Rendering;
using Colour2Vec.Storage;
using Colour2Vec.Training;

namespace Colour2Vec;

/// <summary>What <c>colour2vec train</c> does, as options. Defaults are the command line's.</summary>
public sealed record TrainJobOptions
{
    /// <summary>A colour table file; null for the built-in table.</summary>
    public string? ColoursPath { get; init; }

    public string OutputFolder { get; init; } = "colour2vec-out";
    public int Pairs { get; init; } = 100_000;
    public int HeldOutPairs { get; init; } = 20_000;
    public bool Force { get; init; }
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The pictures to draw after training; null for none (<c>--no-render</c>).</summary>
    public RenderOptions? Render { get; init; } = new();

    public void Validate()
    {
        if (Pairs is < 1 or > Limits.MaxPairs)
        {
            throw new InputException($"--pairs: {Pairs} is out of range; expected an integer from 1 to {Limits.MaxPairs}");
        }
        if (HeldOutPairs is < 0 or > Limits.MaxPairs)
        {
            throw new InputException($"--heldout-pairs: {HeldOutPairs} is out of range; expected an integer from 0 to {Limits.MaxPairs}");
        }
        Training.Validate();
        Render?.Validate();
    }
}

/// <summary>The data, once loaded and sampled, before training starts.</summary>
public sealed record TrainJobData(ColourTable Colours, PairSet Training, PairSet HeldOut, EmbeddingModel Shape, bool CreatedFolder);

/// <summary>What a finished (or stopped) job produced.</summary>
public sealed record TrainJobResult(TrainJobData Data, TrainingResult Training, RunReport Report, IReadOnlyList<string> Files,
    RenderResult? Render);

/// <summary>
/// The whole job behind the main command: load the colours, check the output folder, sample the pairs,
/// train, and write every output file atomically. Data flows one way: Colours → Pairs → Training → Storage.
/// </summary>
public static class TrainJob
{
    /// <summary>Prepares and executes the job.</summary>
    public static TrainJobResult Run(TrainJobOptions options, IProgress<EpochMetrics>? progress = null,
        CancellationToken cancellation = default) => Execute(options, Prepare(options), progress, cancellation);

    /// <summary>Validates the options, loads the colours, checks the output folder and samples the pairs.</summary>
    public static TrainJobData Prepare(TrainJobOptions options)
    {
        options.Validate();
        var colours = options.ColoursPath is null ? ColourTable.BuiltIn() : ColourTable.Load(options.ColoursPath);
        var createdFolder = OutputFolder.Prepare(options.OutputFolder, options.Force);
        var seed = options.Training.Seed;
        var training = SimilarityPairSampler.SampleTraining(colours, options.Pairs, seed);
        var heldOut = SimilarityPairSampler.SampleHeldOut(colours, options.HeldOutPairs, seed);
        return new TrainJobData(colours, training, heldOut,
            new EmbeddingModel(colours.Count, options.Training.Dims, options.Training.Recipe.WeightForm), createdFolder);
    }

    /// <summary>Trains and writes every output file; on failure removes the output folder if this job created it and left it empty.</summary>
    public static TrainJobResult Execute(TrainJobOptions options, TrainJobData data, IProgress<EpochMetrics>? progress = null,
        CancellationToken cancellation = default)
    {
        try
        {
            var result = Trainer.Train(data.Colours.Count, data.Training, data.HeldOut.Count > 0 ? data.HeldOut : null,
                options.Training, progress, cancellation);
            var report = Report(data, result);
            using var output = new StagedOutput(options.OutputFolder);
            RunFiles.Stage(output, data.Colours, result, report);
            var render = options.Render is null
                ? null
                : Renderer.Stage(new RenderInput(data.Colours, result.Snapshots, result.History) { Facts = report.Facts() }, options.Render, output);
            output.Commit();
            return new TrainJobResult(data, result, report, output.Files, render);
        }
        catch
        {
            if (data.CreatedFolder)
            {
                Storage.OutputFolder.RemoveIfEmpty(options.OutputFolder);
            }
            throw;
        }
    }

    public static RunReport Report(TrainJobData data, TrainingResult result)
    {
        var last = result.Last;
        return new RunReport
        {
            ColourSource = data.Colours.Source,
            Colours = data.Colours.Count,
            Pairs = data.Training.Count,
            HeldoutPairs = data.HeldOut.Count,
            PositiveFraction = data.Training.PositiveFraction,
            Epochs = result.Options.Epochs,
            EpochsCompleted = result.EpochsCompleted,
            Dims = result.Model.Dims,
            Batch = result.Options.Batch,
            Seed = result.Options.Seed,
            Recipe = result.Options.Recipe.Name,
            LearningRate = result.Options.EffectiveLearningRate,
            Parameters = result.Model.ParameterCount,
            Kernel = result.Kernel,
            TrainSeconds = result.TrainSeconds,
            FinalLoss = last?.Loss ?? double.NaN,
            FinalMse = last?.Mse ?? double.NaN,
            HeldoutLoss = last?.HeldOutLoss ?? double.NaN,
            HeldoutAuc = last?.HeldOutAuc ?? double.NaN,
            Weight = result.Model.Weight,
            Bias = result.Model.Bias,
            Partial = result.Partial,
        };
    }
}
