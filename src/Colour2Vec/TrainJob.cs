using Colour2Vec.Colours;
using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Rendering;
using Colour2Vec.Storage;
using Colour2Vec.Training;

namespace Colour2Vec;

/// <summary>The data, once loaded and sampled, before training starts.</summary>
public sealed record TrainJobData(ColourTable Colours, IEpochPairSource Source, double PositiveFraction, PairSet HeldOut,
    EmbeddingModel Shape, bool CreatedFolder, DataSummary Summary)
{
    /// <summary>Figures computed on the trained model for this kind of data (e.g. palette recall); null for none.</summary>
    public Func<EmbeddingModel, IReadOnlyDictionary<string, double>>? AfterTraining { get; init; }
}

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
        if (options.Training.Optimizer != Optimizer.Sparse && options.Training.Threads is null or 1)
        {
            // Small tables (the built-in one among them) train on one thread with dense steps: compile those
            // while the table is read and the pairs sampled.
            Trainer.CompileAhead(options.Training);
        }
        var data = TrainData.Load(options);
        var createdFolder = OutputFolder.Prepare(options.OutputFolder, options.Force);
        return data with { CreatedFolder = createdFolder };
    }

    /// <summary>Trains and writes every output file; on failure removes the output folder if this job created it and left it empty.</summary>
    public static TrainJobResult Execute(TrainJobOptions options, TrainJobData data, IProgress<EpochMetrics>? progress = null,
        CancellationToken cancellation = default)
    {
        try
        {
            var result = Trainer.Train(data.Colours.Count, data.Source, data.HeldOut.Count > 0 ? data.HeldOut : null,
                options.Training, progress, cancellation);
            var quality = data.Summary.Kind == "colours" && data.HeldOut.Count > 0 && result.EpochsCompleted > 0
                ? Quality.Evaluate(data.Colours, result.Model, data.HeldOut, options.Similarity, options.Training.Seed)
                : null;
            var figures = new Dictionary<string, double>(data.Summary.Figures);
            foreach (var (name, value) in data.AfterTraining?.Invoke(result.Model) ?? new Dictionary<string, double>())
            {
                figures[name] = value;
            }
            var report = Report(data, result) with
            {
                Similarity = options.Similarity,
                Quality = quality,
                DataKind = data.Summary.Kind,
                DataFigures = figures,
            };
            using var output = new StagedOutput(options.OutputFolder);
            RunFiles.Stage(output, data.Colours, result, report);
            if (options.Render is not null)
            {
                ReleaseTrainingGarbage();
            }
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

    /// <summary>
    /// Training leaves its epoch buffers and pair shuffles (tens of megabytes on a large table, in the large-object
    /// heap) as garbage that an ordinary collection does not return; drawing then allocated on top of them. One
    /// compacting collection between the two phases lowers the peak of a large run.
    /// </summary>
    private static void ReleaseTrainingGarbage()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static RunReport Report(TrainJobData data, TrainingResult result)
    {
        var last = result.Last;
        return new RunReport
        {
            ColourSource = data.Colours.Source,
            Colours = data.Colours.Count,
            Pairs = data.Source.Count,
            HeldoutPairs = data.HeldOut.Count,
            PositiveFraction = data.PositiveFraction,
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
            Optimizer = result.Optimizer.ToString().ToLowerInvariant(),
            OptimizerReason = result.OptimizerReason,
            Threads = result.Threads,
            ThreadsReason = result.ThreadsReason,
            Start = result.Start,
        };
    }
}
