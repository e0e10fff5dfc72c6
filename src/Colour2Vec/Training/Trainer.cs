using System.Diagnostics;
using System.Runtime.CompilerServices;
using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// The training loop (the seed's <c>model.fit</c>): every epoch a new shuffle of the training pairs, batches
/// in that order with the last partial batch kept, one kernel step per batch, then the held-out metrics and a
/// snapshot of the embedding (every epoch, or a subset when they exceed <see cref="TrainingOptions.SnapshotBudgetBytes"/>).
/// Cancellation stops after the current epoch and returns a partial result. The table is updated densely or
/// sparsely and on one or several threads as <see cref="TrainingPlan"/> decides (see <see cref="ParallelStepper"/>
/// for what the thread count changes).
/// </summary>
public static class Trainer
{
    public static TrainingResult Train(int items, PairSet training, PairSet? heldOut, TrainingOptions options,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellation = default)
    {
        CheckIndices(training, items, "training pairs");
        return Train(items, new ShuffledPairs(training, options.Seed), heldOut, options, progress, cancellation);
    }

    /// <summary>Trains a new model on pairs from <paramref name="source"/> (fresh negatives, generated pairs, …).</summary>
    public static TrainingResult Train(int items, IEpochPairSource source, PairSet? heldOut, TrainingOptions options,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        // Estimate first: a table too large for memory is refused before anything is allocated.
        var plan = Plan(items, source, heldOut, options);
        var clock = Stopwatch.StartNew();
        if (plan.Optimizer == Optimizer.Sparse)
        {
            CompileAheadSparse(options, source is GeneratedPairs, plan.Threads);
        }
        else if (plan.Threads == 1)
        {
            CompileAhead(options);
        }
        var model = new EmbeddingModel(items, options.Dims, options.Recipe.WeightForm);
        var random = RandomStreams.Create(options.Seed, RandomStreams.Initialisation);
        model.Initialise(options.Recipe, random);
        var start = StartSelection.Choose(model, source, options, random, cancellation);
        // On one thread the pipeline's worker fills the first epoch while the rest is set up (the start is chosen
        // by now, so nothing else reads the source).
        using var pipeline = plan.Threads == 1 ? new EpochPipeline(source) : null;
        var result = Continue(model, new AdamState(model), source, pipeline, heldOut, options, progress, cancellation);
        result.Start = start;
        // The start's trials are part of training.
        result.TrainSeconds = clock.Elapsed.TotalSeconds;
        return result;
    }

    /// <summary>Trains an existing model further, Adam state included (its step count carries on).</summary>
    public static TrainingResult Continue(EmbeddingModel model, AdamState adam, PairSet training, PairSet? heldOut,
        TrainingOptions options, IProgress<EpochMetrics>? progress = null, CancellationToken cancellation = default)
    {
        CheckIndices(training, model.Items, "training pairs");
        return Continue(model, adam, new ShuffledPairs(training, options.Seed), heldOut, options, progress, cancellation);
    }

    /// <summary>
    /// Trains an existing model further on pairs from <paramref name="source"/>; its indices must be below the
    /// model's item count.
    /// </summary>
    public static TrainingResult Continue(EmbeddingModel model, AdamState adam, IEpochPairSource source, PairSet? heldOut,
        TrainingOptions options, IProgress<EpochMetrics>? progress = null, CancellationToken cancellation = default) =>
        Continue(model, adam, source, pipeline: null, heldOut, options, progress, cancellation);

    /// <summary>
    /// <see cref="Continue(EmbeddingModel, AdamState, IEpochPairSource, PairSet?, TrainingOptions, IProgress{EpochMetrics}?, CancellationToken)"/>
    /// on <paramref name="pipeline"/>, already filling the source's epochs (the caller disposes it), or on a
    /// pipeline of its own when that is null. Compiled without optimisation: its own work is a few microseconds an
    /// epoch, and where tiered compilation is off (the command line) compiling this large method optimised took
    /// 15–19 ms before the first epoch, against 3–8 ms now (instrumented seed runs).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    private static TrainingResult Continue(EmbeddingModel model, AdamState adam, IEpochPairSource source, EpochPipeline? pipeline,
        PairSet? heldOut, TrainingOptions options, IProgress<EpochMetrics>? progress, CancellationToken cancellation)
    {
        options.Validate();
        if (source.Count == 0)
        {
            throw new InputException("no training pairs; expected at least one");
        }
        if (heldOut is not null)
        {
            CheckIndices(heldOut, model.Items, "held-out pairs");
        }
        if (model.Dims != options.Dims)
        {
            options = options with { Dims = model.Dims };
        }
        var plan = Plan(model.Items, source, heldOut, options);
        var kernel = options.Kernel ?? TrainingKernels.Best;
        var sparse = plan.Optimizer == Optimizer.Sparse;
        var (threads, threadsReason) = kernel is IGradientKernel || plan.Threads == 1
            ? (plan.Threads, plan.ThreadsReason)
            : (1, $"the {kernel.Name} kernel steps on one thread");
        var batch = Math.Min(options.Batch, source.Count);
        // Sparse steps with the fused kernel read and write the rows interleaved with their moments; the model's
        // values are brought up to date after every epoch, the moments at the end.
        using var interleaved = sparse && kernel is FusedKernel && InterleavedRows.Suits(model) ? new InterleavedRows(model.Items, model.Dims) : null;
        interleaved?.Load(model, adam);
        // Dense steps of the fused kernel on one thread sweep an aligned copy of the values, gradient and moments,
        // brought back the same way.
        using var aligned = !sparse && threads == 1 && kernel is FusedKernel && AlignedDenseTable.Suits(model.Embedding.Length)
            ? new AlignedDenseTable(model.Embedding.Length)
            : null;
        aligned?.Load(model, adam);
        using var stepper = threads > 1
            ? new ParallelStepper((IGradientKernel)kernel, model, adam, options.Recipe.Adam, sparse, threads, interleaved)
            : null;
        // On every core, the epochs are filled by the training threads between epochs rather than by a worker
        // that would take turns with them.
        using var own = pipeline is not null ? null
            : stepper is not null && source is IPartitionedEpochSource partitioned ? EpochPipeline.Together(partitioned, stepper.OnEveryThread)
            : new EpochPipeline(source);
        var epochs = pipeline ?? own!;
        var evaluator = heldOut is { Count: > 0 } ? new HeldOutEvaluator(kernel, heldOut, model) : null;
        var snapshots = new SnapshotSeries(model.Items, model.Dims, plan.SnapshotEpochs.Length);
        var keep = new HashSet<int>(plan.SnapshotEpochs);
        var history = new List<EpochMetrics>(options.Epochs);
        var baseRate = options.EffectiveLearningRate;
        var clock = Stopwatch.StartNew();
        var partial = false;
        // Metrics waiting for their held-out figures, oldest first; the evaluation of the newest may be in flight.
        var waiting = new Queue<(EpochMetrics Metrics, int Slot)>();
        // The worker's first side job, while the first epoch trains: compiling the evaluation.
        Action? evaluation = evaluator is null ? null : evaluator.WarmUp;

        try
        {
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    partial = true;
                    break;
                }
                var rate = options.Recipe.LearningRateAt(epoch, options.Epochs, baseRate);
                // The held-out pass of the last epoch runs on the worker while this one trains, or on this thread if
                // it gets there first (filled together: on the first training thread while the others fill this
                // epoch); its figures never feed back into training, so results do not depend on the timing.
                var pairs = epochs.Next(evaluation);
                evaluation = null;
                while (waiting.Count > 1)
                {
                    Publish(waiting.Dequeue(), evaluator, history, progress);
                }
                var totals = stepper is not null ? stepper.Epoch(pairs, batch, rate)
                    : Epoch(kernel, model, adam, options.Recipe.Adam, rate, pairs, batch, plan.Optimizer, interleaved, aligned);
                if (sparse)
                {
                    Settle(model, adam, options.Recipe.Adam, rate, interleaved);
                }
                interleaved?.StoreValues(model);
                aligned?.StoreValues(model);
                var loss = totals.LossSum / source.Count;
                if (!double.IsFinite(loss) || !float.IsFinite(model.WeightParameter))
                {
                    throw new TrainingDivergedException(epoch + 1, loss, baseRate);
                }
                if (keep.Contains(epoch + 1))
                {
                    snapshots.Add(epoch + 1, model.Embedding);
                }
                var metrics = new EpochMetrics(epoch + 1, options.Epochs, loss, totals.SquaredErrorSum / source.Count,
                    double.NaN, double.NaN, clock.Elapsed.TotalSeconds, rate);
                if (evaluator is null)
                {
                    Publish((metrics, 0), null, history, progress);
                }
                else
                {
                    var slot = evaluator.Capture(model);
                    waiting.Enqueue((metrics, slot));
                    evaluation = () => evaluator.Evaluate(slot);
                }
            }
        }
        finally
        {
            // Whatever happens, the model and Adam's state end where the interleaved rows or the aligned copy are.
            interleaved?.StoreValues(model);
            interleaved?.StoreMoments(adam);
            aligned?.StoreValues(model);
            aligned?.StoreMoments(adam);
        }
        epochs.Join();
        evaluation?.Invoke();
        while (waiting.Count > 0)
        {
            Publish(waiting.Dequeue(), evaluator, history, progress);
        }
        var completed = history.Count;
        if (partial && completed > 0 && (snapshots.Count == 0 || snapshots.Epochs[^1] != completed))
        {
            // A stopped run still ends on its last epoch.
            snapshots.Add(completed, model.Embedding);
        }
        return new TrainingResult
        {
            Model = model,
            Adam = adam,
            Options = options,
            History = history,
            Snapshots = snapshots,
            Kernel = kernel.Name,
            Partial = partial,
            TrainSeconds = clock.Elapsed.TotalSeconds,
            Optimizer = plan.Optimizer,
            OptimizerReason = plan.OptimizerReason,
            Threads = threads,
            ThreadsReason = threadsReason,
        };
    }

    /// <summary>
    /// One epoch on one thread: a kernel step per batch of <paramref name="pairs"/>, the last partial batch kept.
    /// With <paramref name="interleaved"/> rows the fused kernel steps sparsely on them; with an
    /// <paramref name="aligned"/> copy of the table it steps densely on that (the caller brings the model up to date
    /// from either); otherwise <paramref name="kernel"/> steps on the model's arrays. This and everything it calls per
    /// step is compiled fully optimised at once: in a process that is still compiling other code (the command line),
    /// methods left to tiered compilation can run unoptimised for much of a short run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static BatchTotals Epoch(ITrainingKernel kernel, EmbeddingModel model, AdamState adam, AdamSettings settings, float rate,
        EpochPairs pairs, int batch, Optimizer optimizer, InterleavedRows? interleaved = null, AlignedDenseTable? aligned = null)
    {
        var totals = default(BatchTotals);
        for (var start = 0; start < pairs.Count; start += batch)
        {
            var count = Math.Min(batch, pairs.Count - start);
            var left = pairs.Left.AsSpan(start, count);
            var right = pairs.Right.AsSpan(start, count);
            var labels = pairs.Labels.AsSpan(start, count);
            totals += aligned is not null ? FusedKernel.DenseStep(model, adam, settings, rate, left, right, labels, aligned)
                : interleaved is not null ? SparseBatch.Step(FusedKernel.Instance, model, adam, settings, rate, left, right, labels, interleaved)
                : kernel.Step(model, adam, settings, rate, left, right, labels, optimizer);
        }
        return totals;
    }

    /// <summary>
    /// Ends a sparse epoch: every row takes the steps it missed since it was last named (<see cref="AdamCatchUp"/>), on
    /// <paramref name="interleaved"/> rows when given, else on the model's arrays; <paramref name="rate"/> is the epoch's
    /// learning rate.
    /// </summary>
    internal static void Settle(EmbeddingModel model, AdamState adam, AdamSettings settings, float rate, InterleavedRows? interleaved)
    {
        var stepSize = settings.StepSize(rate, adam.Step);
        if (interleaved is not null)
        {
            AdamCatchUp.Settle(interleaved, adam, settings, stepSize);
        }
        else
        {
            AdamCatchUp.Settle(model, adam, settings, stepSize);
        }
    }

    /// <summary>
    /// Starts compiling, on a background thread of its own, the code a one-thread dense run at
    /// <paramref name="options"/>' dimensions steps and evaluates with, and returns at once. Those methods are
    /// compiled fully optimised at first call: on the seed run that was about 25 ms for the step, 20 ms for the
    /// held-out evaluation and 10 ms for the epoch shuffle (warmed here on a small fixed set), each at the start
    /// of a 0.4 s run. <see cref="Train(int, IEpochPairSource, PairSet?, TrainingOptions, IProgress{EpochMetrics}?, CancellationToken)"/>
    /// calls this itself as it starts; a caller with other work first (the command line reads the table and
    /// samples the pairs) can call it before that work, so that the compiling overlaps it. It trains a two-item
    /// table on 24 pairs (two chunks of eight together and one alone, the fused kernel's paths at d = 2) and
    /// evaluates it; whichever thread calls a method first compiles it, and the other waits. Only the code is
    /// shared: no run's numbers depend on this. (A thread of its own: the first task on the thread pool took
    /// about 17 ms to start.) It starts once a process for d = 2 and once for every other d; later calls return at once.
    /// </summary>
    public static void CompileAhead(TrainingOptions options)
    {
        options.Validate();
        if (options.Kernel is not (null or FusedKernel))
        {
            // Another kernel's code is its own business, and it may not expect a two-item table.
            return;
        }
        // Once a process for each path: d = 2 compiles its own methods, every other d the general ones. A caller that
        // started it before sampling (the command line, the bench) spares Train a second thread doing it over.
        StartCompiling(options.Dims == 2 ? 1 : 2, () =>
        {
            WarmUpStep(options);
            WarmUpEvaluation(options);
            WarmUpShuffle();
        });
    }

    /// <summary>
    /// <see cref="CompileAhead"/> for a sparse run (a large table): for <see cref="GeneratedPairs"/> the epoch fill, the
    /// held-out evaluation, then the step on interleaved rows (mapping the batch, gathering, the gradient at
    /// <paramref name="options"/>' dimensions, sparse Adam), on the <see cref="ParallelStepper"/>'s code when
    /// <paramref name="threads"/> is more than one, each on a table of two items, in the order the run needs them.
    /// Train calls it as it starts, so that this compiles on one core while the table, the moments and the threads
    /// are set up on the other. On the 32k workload on two threads (eight alternating instrumented runs) the first
    /// epoch took 114 ms instead of 146 (the later ones 110–116), and the first fill ended 14 ms later, at 125 ms,
    /// the compiling sharing the cores with it: about 10 ms sooner to the end of the first epoch.
    /// </summary>
    internal static void CompileAheadSparse(TrainingOptions options, bool generatedPairs, int threads)
    {
        if (options.Kernel is not (null or FusedKernel))
        {
            return;
        }
        StartCompiling(options.Dims == 2 ? 4 : 8, () => WarmUpSparse(options, generatedPairs, threads));
    }

    /// <summary>
    /// Starts compiling ahead the code a run on a table of <paramref name="items"/> items will step with, as
    /// <see cref="TrainingPlan"/> will choose it: the sparse path (<see cref="CompileAheadSparse"/>) or, on one thread,
    /// the dense one (<see cref="CompileAhead"/>). The command line calls it once the table is read and before it
    /// samples the pairs, so that the compiling overlaps the sampling instead of the run's first epoch. Returns at once;
    /// later calls for a path already started do nothing.
    /// </summary>
    public static void CompileAheadFor(int items, TrainingOptions options, bool generatedPairs = false)
    {
        options.Validate();
        var (optimizer, threads) = TrainingPlan.Choose(items, options);
        if (optimizer == Optimizer.Sparse)
        {
            CompileAheadSparse(options, generatedPairs, threads);
        }
        else if (threads == 1)
        {
            CompileAhead(options);
        }
    }

    /// <summary>What <see cref="CompileAheadSparse"/> runs, on the calling thread.</summary>
    internal static void WarmUpSparse(TrainingOptions options, bool generatedPairs, int threads)
    {
        if (generatedPairs)
        {
            GeneratedPairs.WarmUp();
        }
        else
        {
            WarmUpShuffle(buckets: true);
        }
        WarmUpEvaluation(options);
        WarmUpSparseStep(options, threads);
    }

    /// <summary>Runs <paramref name="warmUp"/> on a thread of its own unless <paramref name="path"/> has been started already.</summary>
    private static void StartCompiling(int path, Action warmUp)
    {
        if ((Interlocked.Or(ref _compiledAhead, path) & path) != 0)
        {
            return;
        }
        new Thread(() =>
        {
            try
            {
                warmUp();
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Only compiling is at stake here: whatever failed will fail again, and be reported, in the run itself.
            }
        })
        {
            IsBackground = true,
            Name = "Colour2Vec compile-ahead",
        }.Start();
    }

    /// <summary>
    /// The paths compiled ahead so far: dense steps at d = 2 (1) and at other d (2), sparse steps at d = 2 (4) and at
    /// other d (8).
    /// </summary>
    private static int _compiledAhead;

    private static void WarmUpStep(TrainingOptions options)
    {
        var (model, pairs) = WarmUpTable(options);
        var adam = new AdamState(model);
        var kernel = options.Kernel ?? TrainingKernels.Best;
        // The run's path: dense fused steps go through an aligned copy (see Continue).
        using var aligned = kernel is FusedKernel ? new AlignedDenseTable(model.Embedding.Length) : null;
        aligned?.Load(model, adam);
        Epoch(kernel, model, adam, options.Recipe.Adam, options.EffectiveLearningRate, pairs, pairs.Count, Optimizer.Dense, aligned: aligned);
        aligned?.StoreValues(model);
        aligned?.StoreMoments(adam);
    }

    private static void WarmUpSparseStep(TrainingOptions options, int threads)
    {
        var (model, pairs) = WarmUpTable(options);
        var adam = new AdamState(model);
        var kernel = options.Kernel ?? TrainingKernels.Best;
        // The run's path: sparse fused steps go through interleaved rows where the dimensions suit (see Continue), on
        // the stepper's threads when there are several.
        using var interleaved = kernel is FusedKernel && InterleavedRows.Suits(model) ? new InterleavedRows(model.Items, model.Dims) : null;
        interleaved?.Load(model, adam);
        if (threads > 1 && kernel is IGradientKernel gradient)
        {
            // Two threads run every method the stepper has; more would only start threads that have nothing to do.
            using var stepper = new ParallelStepper(gradient, model, adam, options.Recipe.Adam, sparse: true, Math.Min(threads, 2), interleaved);
            stepper.Epoch(pairs, pairs.Count, options.EffectiveLearningRate);
        }
        else
        {
            Epoch(kernel, model, adam, options.Recipe.Adam, options.EffectiveLearningRate, pairs, pairs.Count, Optimizer.Sparse, interleaved);
        }
        Settle(model, adam, options.Recipe.Adam, options.EffectiveLearningRate, interleaved);
    }

    private static void WarmUpEvaluation(TrainingOptions options)
    {
        var (model, pairs) = WarmUpTable(options);
        var scores = new float[pairs.Count];
        (options.Kernel ?? TrainingKernels.Best).Evaluate(model, pairs.Left, pairs.Right, pairs.Labels, scores);
        new RocAuc().OfClasses(scores.AsSpan(0, pairs.Count / 2), scores.AsSpan(pairs.Count / 2));
    }

    /// <summary>
    /// Shuffles 24 pairs of small items (32-bit packing), in one bucket (the seed's path) or, with
    /// <paramref name="buckets"/>, dealt into buckets as a large stored set is (a sparse run's).
    /// </summary>
    private static void WarmUpShuffle(bool buckets = false)
    {
        var items = Enumerable.Range(0, 24).ToArray();
        var pairs = new PairSet(items, items, new float[items.Length]);
        var shuffled = buckets ? new ShuffledPairs(pairs, seed: 0, slackDeviations: 10, singleBucketBytes: 0) : new ShuffledPairs(pairs, seed: 0);
        shuffled.Fill(0, new EpochPairs(items.Length));
    }

    private static (EmbeddingModel Model, EpochPairs Pairs) WarmUpTable(TrainingOptions options)
    {
        var model = new EmbeddingModel(2, options.Dims, options.Recipe.WeightForm);
        var pairs = new EpochPairs(24);
        Array.Fill(pairs.Right, 1);
        Array.Fill(pairs.Labels, 1f, 0, pairs.Count / 2);
        return (model, pairs);
    }

    /// <summary>The optimiser, threads, snapshots and memory of a run; refuses one that will not fit.</summary>
    public static TrainingPlan Plan(int items, IEpochPairSource source, PairSet? heldOut, TrainingOptions options) =>
        TrainingPlan.For(items, options, source.Count, source is ShuffledPairs shuffled ? shuffled.StoredBytes : 0, heldOut?.Count ?? 0);

    private static void Publish((EpochMetrics Metrics, int Slot) done, HeldOutEvaluator? evaluator, List<EpochMetrics> history,
        IProgress<EpochMetrics>? progress)
    {
        var metrics = done.Metrics;
        if (evaluator is not null)
        {
            var (heldOutLoss, heldOutAuc) = evaluator.Result(done.Slot);
            metrics = metrics with { HeldOutLoss = heldOutLoss, HeldOutAuc = heldOutAuc };
        }
        history.Add(metrics);
        progress?.Report(metrics);
    }

    private static void CheckIndices(PairSet pairs, int items, string what)
    {
        for (var k = 0; k < pairs.Count; k++)
        {
            if ((uint)pairs.Left[k] >= (uint)items || (uint)pairs.Right[k] >= (uint)items)
            {
                throw new InputException($"{what}: pair {k} refers to item {Math.Max(pairs.Left[k], pairs.Right[k])}; expected indices below {items}");
            }
        }
    }
}
