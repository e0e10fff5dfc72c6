using System.Globalization;
using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>
/// The spectral start of a recipe (<see cref="RecipeStart.Spectral"/>): the candidate maps of
/// <see cref="SpectralStart"/> from the first epoch's positive pairs, each trained for
/// <see cref="Recipe.StartTrialEpochs"/> epochs on the training pairs alone (no held-out pairs, so the choice
/// never sees them), and the one with the lowest training loss in the last trial epoch becomes the starting
/// table of the real run. The candidates train side by side on the same epochs, shuffled once for all of
/// them, each exactly as <see cref="Trainer"/> would train it on one thread; they are shared between the cores.
/// Deterministic for a seed, whatever the number of cores.
/// </summary>
internal static class StartSelection
{
    /// <summary>Sets <paramref name="model"/>'s table to the chosen start; returns a line on what was chosen and why.</summary>
    public static string Choose(EmbeddingModel model, IEpochPairSource source, TrainingOptions options, Random random,
        CancellationToken cancellation)
    {
        // The spectral work in a method of its own: a uniform start then compiles nothing of it.
        return options.Recipe.Start == RecipeStart.Spectral ? ChooseSpectral(model, source, options, random, cancellation) : "uniform";
    }

    private static string ChooseSpectral(EmbeddingModel model, IEpochPairSource source, TrainingOptions options, Random random,
        CancellationToken cancellation)
    {
        if (model.Dims > SpectralStart.MaxDims)
        {
            return $"uniform: the spectral start is for up to {SpectralStart.MaxDims} dimensions";
        }
        var first = new EpochPairs(source.Count);
        source.Fill(0, first);
        var candidates = SpectralStart.Candidates(model.Items, model.Dims, first.Left, first.Right, first.Labels, model.Embedding, random);
        if (candidates.Count == 0)
        {
            return "uniform: no positive pairs to start from";
        }
        var epochs = Recipe.StartTrialEpochs(options.Epochs);
        var losses = Trials(model, candidates, source, options with { Epochs = epochs, Threads = 1 }, cancellation);
        var best = 0;
        for (var c = 1; c < losses.Length; c++)
        {
            if (losses[c] < losses[best])
            {
                best = c;
            }
        }
        candidates[best].CopyTo(model.Embedding, 0);
        var all = string.Join(", ", losses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture)));
        return $"spectral: candidate {best + 1} of {candidates.Count}, lowest training loss after {epochs} epochs ({all})";
    }

    /// <summary>Each candidate's mean training loss in the last trial epoch (infinite if it diverged or was cancelled first).</summary>
    private static double[] Trials(EmbeddingModel model, IReadOnlyList<float[]> candidates, IEpochPairSource source,
        TrainingOptions trial, CancellationToken cancellation)
    {
        var plan = Trainer.Plan(model.Items, source, null, trial);
        var kernel = trial.Kernel ?? TrainingKernels.Best;
        var batch = Math.Min(trial.Batch, source.Count);
        var models = new EmbeddingModel[candidates.Count];
        var adams = new AdamState[candidates.Count];
        var losses = new double[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            models[c] = model.Clone();
            candidates[c].CopyTo(models[c].Embedding, 0);
            adams[c] = new AdamState(models[c]);
            losses[c] = double.PositiveInfinity;
        }
        using var pipeline = new EpochPipeline(source);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        for (var epoch = 0; epoch < trial.Epochs && !cancellation.IsCancellationRequested; epoch++)
        {
            var rate = trial.Recipe.LearningRateAt(epoch, trial.Epochs, trial.EffectiveLearningRate);
            var pairs = pipeline.Next();
            Parallel.For(0, candidates.Count, parallel, c =>
            {
                var totals = Trainer.Epoch(kernel, models[c], adams[c], trial.Recipe.Adam, rate, pairs, batch, plan.Optimizer);
                if (plan.Optimizer == Optimizer.Sparse)
                {
                    Trainer.Settle(models[c], adams[c], trial.Recipe.Adam, rate, interleaved: null);
                }
                var loss = totals.LossSum / source.Count;
                losses[c] = double.IsFinite(loss) && float.IsFinite(models[c].WeightParameter) ? loss : double.PositiveInfinity;
            });
        }
        return losses;
    }
}
