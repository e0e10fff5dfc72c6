using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>How to train. Defaults are the command line's defaults; change them with <c>with { … }</c>.</summary>
public sealed record TrainingOptions
{
    public const int MaxThreads = 64;

    /// <summary>The default <see cref="SnapshotBudgetBytes"/>: 64 snapshots of 31,918 colours at d = 16.</summary>
    public const long DefaultSnapshotBudgetBytes = 128L << 20;

    public int Dims { get; init; } = 2;
    public int Epochs { get; init; } = 500;
    public int Batch { get; init; } = 512;

    /// <summary>Overrides the recipe's learning rate when set.</summary>
    public float? LearningRate { get; init; }

    public int Seed { get; init; }
    public Recipe Recipe { get; init; } = Recipe.Default;

    /// <summary>The kernel to train with; null picks <see cref="TrainingKernels.Best"/>.</summary>
    public ITrainingKernel? Kernel { get; init; }

    /// <summary>
    /// Dense or sparse (LazyAdam) updates of the table. <see cref="Optimizer.Auto"/>: dense for
    /// <c>--recipe seed</c> (Keras is dense) and for tables of at most 8 × batch rows (a batch names up to
    /// 2 × batch rows, so most of a small table moves anyway); sparse otherwise.
    /// </summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Auto;

    /// <summary>
    /// Training threads (1 to 64); null: every core (<see cref="Environment.ProcessorCount"/>) for tables of
    /// at least <see cref="TrainingPlan.ParallelMinimumElements"/> parameters, one below that, where a step
    /// takes a few microseconds and synchronising the threads costs more than it saves. Results are
    /// deterministic for a given seed and thread count; across thread counts the gradient is summed in a
    /// different order, so results differ in the last bits, more so the longer training runs.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Memory for the per-epoch snapshots. When every epoch fits, every epoch is kept; otherwise as many as fit
    /// (at least two), spaced on the seed's quadratic schedule, always the first and the last epoch.
    /// </summary>
    public long SnapshotBudgetBytes { get; init; } = DefaultSnapshotBudgetBytes;

    /// <summary>The rate given, or the recipe's for these dimensions.</summary>
    public float EffectiveLearningRate => LearningRate ?? Recipe.LearningRateFor(Dims);

    /// <summary>Throws <see cref="InputException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Dims is >= 1 and <= Limits.MaxDims, "--dims", Dims, $"an integer from 1 to {Limits.MaxDims}");
        Require(Epochs is >= 1 and <= Limits.MaxEpochs, "--epochs", Epochs, $"an integer from 1 to {Limits.MaxEpochs}");
        Require(Batch >= 1, "--batch", Batch, "an integer of at least 1");
        if (Threads is { } threads)
        {
            Require(threads is >= 1 and <= MaxThreads, "--threads", threads, $"1 to {MaxThreads}");
        }
        Require(SnapshotBudgetBytes >= 0, "--snapshot-budget", SnapshotBudgetBytes, "a number of bytes of at least 0");
        if (!Enum.IsDefined(Optimizer))
        {
            throw new InputException($"--optimizer: {Optimizer} is not an optimiser; expected auto, dense or sparse");
        }
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
