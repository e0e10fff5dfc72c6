using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>What a training run produced.</summary>
public sealed class TrainingResult
{
    public required EmbeddingModel Model { get; init; }
    public required AdamState Adam { get; init; }
    public required TrainingOptions Options { get; init; }
    public required IReadOnlyList<EpochMetrics> History { get; init; }
    public required SnapshotSeries Snapshots { get; init; }
    public required string Kernel { get; init; }

    /// <summary>True when training was cancelled before the last epoch.</summary>
    public bool Partial { get; init; }

    public double TrainSeconds { get; internal set; }
    public int EpochsCompleted => History.Count;
    public EpochMetrics? Last => History.Count > 0 ? History[^1] : null;

    /// <summary>The optimiser that ran (<see cref="Optimizer.Dense"/> or <see cref="Optimizer.Sparse"/>).</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Dense;

    /// <summary>Why that optimiser, in a few words, for the report.</summary>
    public string OptimizerReason { get; init; } = "";

    /// <summary>How the embedding started (uniform, or which spectral candidate and why), for the report; empty when continued.</summary>
    public string Start { get; internal set; } = "";

    /// <summary>Training threads used.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Why that many threads, in a few words, for the report.</summary>
    public string ThreadsReason { get; init; } = "";
}
