using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>How to train. Defaults are the command line's defaults; change them with <c>with { … }</c>.</summary>
public sealed record TrainingOptions
{
    public int Dims { get; init; } = 2;
    public int Epochs { get; init; } = 500;
    public int Batch { get; init; } = 512;

    /// <summary>Overrides the recipe's learning rate when set.</summary>
    public float? LearningRate { get; init; }

    public int Seed { get; init; }
    public Recipe Recipe { get; init; } = Recipe.Default;

    /// <summary>The kernel to train with; null picks <see cref="TrainingKernels.Best"/>.</summary>
    public ITrainingKernel? Kernel { get; init; }

    public float EffectiveLearningRate => LearningRate ?? Recipe.LearningRate;

    /// <summary>Throws <see cref="InputException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Dims is >= 1 and <= Limits.MaxDims, "--dims", Dims, $"an integer from 1 to {Limits.MaxDims}");
        Require(Epochs is >= 1 and <= Limits.MaxEpochs, "--epochs", Epochs, $"an integer from 1 to {Limits.MaxEpochs}");
        Require(Batch >= 1, "--batch", Batch, "an integer of at least 1");
        var rate = EffectiveLearningRate;
        if (!float.IsFinite(rate) || rate <= 0)
        {
            throw new InputException($"--learning-rate: {rate} is out of range; expected a finite number above 0");
        }
    }

    private static void Require(bool ok, string option, long value, string expected)
    {
        if (!ok)
        {
            throw new InputException($"{option}: {value} is out of range; expected {expected}");
        }
    }
}
