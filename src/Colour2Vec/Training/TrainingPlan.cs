using System.Globalization;
using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>
/// What a run will do before it allocates anything: the optimiser and the thread count (with the reasons the
/// report gives), the epochs whose snapshots are kept, and an estimate of the memory it needs.
/// </summary>
public sealed record TrainingPlan
{
    /// <summary>
    /// Below this many table elements (items × dims) <c>Threads = null</c> trains on one thread. Measured on the
    /// seed workload (658 colours, d = 2, dense): a step takes ~5 µs on one core and two threads were slower,
    /// because three barriers a step and the shared cache lines cost about what half a step saves.
    /// </summary>
    public const long ParallelMinimumElements = 65_536;

    public required Optimizer Optimizer { get; init; }
    public required string OptimizerReason { get; init; }
    public required int Threads { get; init; }
    public required string ThreadsReason { get; init; }

    /// <summary>1-based epochs whose snapshot is kept, increasing.</summary>
    public required int[] SnapshotEpochs { get; init; }

    public required long EstimatedBytes { get; init; }

    /// <summary>Plans a run; throws <see cref="InputException"/> when it would not fit in memory.</summary>
    public static TrainingPlan For(int items, TrainingOptions options, long pairsPerEpoch, long storedPairBytes, long heldOutPairs)
    {
        options.Validate();
        var dims = options.Dims;
        var elements = (long)items * dims;
        var (optimizer, optimizerReason) = ChooseOptimizer(items, options);
        var (threads, threadsReason) = ChooseThreads(elements, options);
        var rowBytes = elements * sizeof(float);
        var snapshots = SnapshotSchedule(options.Epochs, rowBytes, options.SnapshotBudgetBytes);
        // The model, m, v, one gradient per thread, the evaluator's copy (and for sparse steps on whole vectors
        // the interleaved copy of values, m and v; for dense ones on one thread, up to 1 MB a part, the aligned copy of
        // values, gradient, m and v); two epochs of pairs (12 bytes each) in the pipeline plus what
        // the source stores; the held-out set with its scores and the AUC's sort.
        var interleaved = optimizer == Optimizer.Sparse && dims % 8 == 0 ? InterleavedRows.BytesFor(items, dims) : 0;
        var aligned = optimizer == Optimizer.Dense && threads == 1 && AlignedDenseTable.Suits(elements) ? AlignedDenseTable.BytesFor(elements) : 0;
        var tables = (4L + threads) * rowBytes + (long)items * sizeof(int) + interleaved + aligned;
        var snapshotBytes = snapshots.Length * rowBytes;
        var pairBytes = 2 * pairsPerEpoch * 12 + storedPairBytes + heldOutPairs * 32;
        var estimate = tables + snapshotBytes + pairBytes;
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (elements > Array.MaxLength || estimate > limit)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"a table of {items:N0} items at d = {dims} needs about {Megabytes(estimate)} MB to train (parameters, Adam's moments{(interleaved > 0 ? ", their interleaved copy" : "")} and {threads} gradient buffer(s): {Megabytes(tables)} MB; {snapshots.Length} snapshot(s): {Megabytes(snapshotBytes)} MB; pairs: {Megabytes(pairBytes)} MB); the limit is {Megabytes(elements > Array.MaxLength ? (long)Array.MaxLength * sizeof(float) : limit)} MB{(elements > Array.MaxLength ? " for one table" : " of memory available")}; use fewer --dims or a smaller table"));
        }
        return new TrainingPlan
        {
            Optimizer = optimizer,
            OptimizerReason = optimizerReason,
            Threads = threads,
            ThreadsReason = threadsReason,
            SnapshotEpochs = snapshots,
            EstimatedBytes = estimate,
        };
    }

    /// <summary>
    /// Every epoch when they fit in <paramref name="budgetBytes"/>; else n = max(2, budget / snapshot) epochs on
    /// the seed's quadratic schedule, <c>1 + round((E − 1)·(k / (n − 1))²)</c> for k = 0 … n − 1 (duplicates
    /// dropped), so the early epochs, where the map changes fastest, are dense and the first and last are kept.
    /// </summary>
    public static int[] SnapshotSchedule(int epochs, long bytesPerSnapshot, long budgetBytes)
    {
        var fit = bytesPerSnapshot == 0 ? epochs : budgetBytes / bytesPerSnapshot;
        if (fit >= epochs)
        {
            return Enumerable.Range(1, epochs).ToArray();
        }
        var count = (int)Math.Max(2, Math.Min(fit, epochs));
        var result = new List<int>(count);
        for (var k = 0; k < count; k++)
        {
            var fraction = (double)k / (count - 1);
            var epoch = 1 + (int)Math.Round((epochs - 1) * fraction * fraction);
            if (result.Count == 0 || result[^1] != epoch)
            {
                result.Add(epoch);
            }
        }
        return result.ToArray();
    }

    /// <summary>
    /// The optimiser and thread count <see cref="For"/> would choose for <paramref name="items"/> items, without the
    /// memory estimate: what a caller needs to know to start compiling the run's code ahead.
    /// </summary>
    internal static (Optimizer Optimizer, int Threads) Choose(int items, TrainingOptions options) =>
        (ChooseOptimizer(items, options).Item1, ChooseThreads((long)items * options.Dims, options).Item1);

    private static (Optimizer, string) ChooseOptimizer(int items, TrainingOptions options)
    {
        if (options.Optimizer != Optimizer.Auto)
        {
            return (options.Optimizer, $"{options.Optimizer.ToString().ToLowerInvariant()}: asked for");
        }
        if (options.Recipe.Name == Recipe.Seed.Name)
        {
            return (Optimizer.Dense, "dense: --recipe seed follows Keras, whose Adam moves every row every step");
        }
        var covered = 8L * options.Batch;
        return items <= covered
            ? (Optimizer.Dense, string.Create(CultureInfo.InvariantCulture, $"dense: {items:N0} items <= 8 x batch {options.Batch}, a batch names a large share of the rows"))
            : (Optimizer.Sparse, string.Create(CultureInfo.InvariantCulture, $"sparse: {items:N0} items > 8 x batch {options.Batch}, a batch names at most {2 * options.Batch:N0} rows"));
    }

    private static (int, string) ChooseThreads(long elements, TrainingOptions options)
    {
        if (options.Threads is { } threads)
        {
            return (threads, "asked for");
        }
        var cores = Math.Clamp(Environment.ProcessorCount, 1, TrainingOptions.MaxThreads);
        if (cores == 1)
        {
            return (1, "one core");
        }
        return elements < ParallelMinimumElements
            ? (1, string.Create(CultureInfo.InvariantCulture, $"{elements:N0} parameters < {ParallelMinimumElements:N0}: a step is too short to share"))
            : (cores, "every core");
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);
}
