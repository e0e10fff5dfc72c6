using System.Globalization;
using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>
/// The spectral start of a recipe (<see cref="RecipeStart.Spectral"/>): the candidate maps of
/// <see cref="SpectralStart"/> from the first epoch's positive pairs, each trained for
/// <see cref="Recipe.StartTrialEpochs"/> epochs on the training pairs alone (no held-out pairs, so the choice
/// never sees them), and the one with the lowest final training loss becomes the starting table of the real
/// run. Deterministic for a seed: the trials run on the same seeded pair source.
/// </summary>
internal static class StartSelection
{
    /// <summary>Sets <paramref name="model"/>'s table to the chosen start; returns a line on what was chosen and why.</summary>
    public static string Choose(EmbeddingModel model, IEpochPairSource source, TrainingOptions options, Random random,
        CancellationToken cancellation)
    {
        var recipe = options.Recipe;
        if (recipe.Start != RecipeStart.Spectral)
        {
            return "uniform";
        }
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
        // One thread, whatever the run uses: the choice of start then does not depend on --threads.
        var trial = options with { Epochs = Recipe.StartTrialEpochs(options.Epochs), Threads = 1 };
        var losses = new double[candidates.Count];
        var best = 0;
        for (var c = 0; c < candidates.Count && !cancellation.IsCancellationRequested; c++)
        {
            var copy = model.Clone();
            candidates[c].CopyTo(copy.Embedding, 0);
            var result = Trainer.Continue(copy, new AdamState(copy), source, heldOut: null, trial, progress: null, cancellation);
            losses[c] = result.Last?.Loss ?? double.PositiveInfinity;
            if (losses[c] < losses[best])
            {
                best = c;
            }
        }
        candidates[best].CopyTo(model.Embedding, 0);
        var all = string.Join(", ", losses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture)));
        return $"spectral: candidate {best + 1} of {candidates.Count}, lowest training loss after {trial.Epochs} epochs ({all})";
    }
}
