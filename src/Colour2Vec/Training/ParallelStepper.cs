using System.Numerics;
using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>
/// Synchronous data-parallel Adam steps on long-lived threads. Each step: every thread takes the gradient of
/// its shard of the batch (contiguous, a multiple of eight pairs) into its own buffer; at a barrier Adam runs,
/// split between the threads; a last barrier ends the step.
/// <list type="bullet">
/// <item>Dense: the buffers are summed in thread order (thread 0's, plus thread 1's, …), each thread summing and
/// updating its share of the table's elements.</item>
/// <item>Sparse, an epoch at a time with two barriers a step (<see cref="SparseEpoch"/>): the batch is mapped to its
/// rows shard by shard (<see cref="SparseBatch.PrepareShards"/>), so that each thread gathers, takes the gradient of
/// and updates a range of slots its own shard named first. Only the few rows two shards name (about 8 of 1,000 on a
/// 32k table) have their gradients summed across threads. The last thread maps the next batch into a second
/// <see cref="SparseBatch"/> while the step runs, and takes a smaller shard for it (<see cref="SparseShare"/>).
/// Earlier designs split the slots evenly between the threads whatever shard named them, and spent most of their
/// time moving the compact table and the gradients between the cores' caches (slower on two threads than on one);
/// then mapped each batch on the calling thread while the others waited at a third barrier.</item>
/// </list>
/// Between epochs <see cref="OnEveryThread"/> lends the threads to other work (filling the next epoch).
/// </summary>
/// <remarks>
/// The result depends on the seed and the thread count only, never on timing. Across thread counts the
/// gradient of a row named in several shards is summed in a different order, so float rounding differs in
/// the last bit; Adam carries those differences forward and they grow over training (the maps look alike,
/// their bytes do not). The Adam update of an element does not depend on how the elements are split.
/// </remarks>
internal sealed class ParallelStepper : IDisposable
{
    private readonly IGradientKernel _kernel;
    private readonly EmbeddingModel _model;
    private readonly AdamState _adam;
    private readonly AdamSettings _settings;
    private readonly bool _sparse;
    private readonly InterleavedRows? _interleaved;
    private readonly int _threads;
    private readonly float[][] _gradients;
    private readonly BatchTotals[] _totals;
    private readonly float[] _gradWeight;
    private readonly float[] _gradBias;
    private readonly Exception?[] _failures;
    private readonly StepBarrier _barrier;
    private readonly Thread[] _workers;
    private int[] _left = [];
    private int[] _right = [];
    private float[] _labels = [];
    private int _start;
    private int _count;
    private float _stepSize;
    /// <summary>Sparse steps: this step's batch and the next, mapped while this one steps, in turn.</summary>
    private readonly SparseBatch?[] _batches = new SparseBatch?[2];
    private volatile bool _sparseEpoch;
    private int _epochCount;
    private int _epochBatch;
    private int _epochSteps;
    private float _epochRate;
    private long _epochFirstStep;
    private BatchTotals _epochTotals;
    private volatile bool _stopping;
    private Action<int>? _job;

    public ParallelStepper(IGradientKernel kernel, EmbeddingModel model, AdamState adam, AdamSettings settings, bool sparse, int threads,
        InterleavedRows? interleaved = null)
    {
        _interleaved = interleaved;
        _kernel = kernel;
        _model = model;
        _adam = adam;
        _settings = settings;
        _sparse = sparse;
        _threads = threads;
        _gradients = new float[threads][];
        _gradients[0] = adam.GradientEmbedding;
        for (var t = 1; t < threads; t++)
        {
            // Sparse steps use the compact per-thread gradients of the SparseBatch instead.
            _gradients[t] = sparse ? [] : new float[model.Embedding.Length];
        }
        _totals = new BatchTotals[threads];
        _gradWeight = new float[threads];
        _gradBias = new float[threads];
        _failures = new Exception?[threads];
        _barrier = new StepBarrier(threads);
        _workers = new Thread[threads - 1];
        for (var t = 1; t < threads; t++)
        {
            var index = t;
            _workers[t - 1] = new Thread(() => Work(index)) { IsBackground = true, Name = $"colour2vec trainer {index}" };
            _workers[t - 1].Start();
        }
    }

    /// <summary>One epoch: a step per batch of <paramref name="pairs"/>, the last partial batch kept.</summary>
    public BatchTotals Epoch(EpochPairs pairs, int batch, float learningRate)
    {
        if (_sparse)
        {
            return SparseEpoch(pairs, batch, learningRate);
        }
        var totals = default(BatchTotals);
        for (var start = 0; start < pairs.Count; start += batch)
        {
            totals += Step(pairs, start, Math.Min(batch, pairs.Count - start), learningRate);
        }
        return totals;
    }

    public BatchTotals Step(EpochPairs pairs, int start, int count, float learningRate)
    {
        (_left, _right, _labels, _start, _count) = (pairs.Left, pairs.Right, pairs.Labels, start, count);
        _adam.Step++;
        _stepSize = _settings.StepSize(learningRate, _adam.Step);
        if (_sparse)
        {
            throw new InvalidOperationException("sparse steps go an epoch at a time");
        }
        _barrier.SignalAndWait(0);
        RunShard(0, null, _start, _count);
        _barrier.SignalAndWait(0);
        var totals = UpdateWeightAndBias(_stepSize);
        RunAdam(0);
        _barrier.SignalAndWait(0);
        ThrowIfFailed();
        return totals;
    }

    /// <summary>
    /// A sparse epoch, every thread stepping through it with two barriers a step. The last thread maps the next batch
    /// to its rows during the step before it (its first shards while the threads take the gradient, the rest during
    /// Adam), into the other of two batches, so no thread waits for the mapping; for that it takes a smaller shard.
    /// </summary>
    private BatchTotals SparseEpoch(EpochPairs pairs, int batch, float learningRate)
    {
        var steps = (pairs.Count + batch - 1) / batch;
        if (steps == 0)
        {
            return default;
        }
        var longest = Math.Min(batch, pairs.Count);
        if (_batches[0] is null || _batches[0]!.Left.Length < longest)
        {
            _batches[0] = new SparseBatch(_model, longest, _threads, _adam.Stamps);
            _batches[1] = new SparseBatch(_model, longest, _threads, _adam.Stamps);
        }
        (_left, _right, _labels) = (pairs.Left, pairs.Right, pairs.Labels);
        (_epochCount, _epochBatch, _epochSteps, _epochRate, _epochFirstStep) = (pairs.Count, batch, steps, learningRate, _adam.Step);
        _epochTotals = default;
        // The first batch is mapped here; each later one by the last thread during the step before.
        var count = Math.Min(batch, pairs.Count);
        var first = _batches[0]!;
        first.BeginShards(_model, _threads);
        MapShards(first, 0, count, 0, _threads);
        first.EndShards(_threads);
        _sparseEpoch = true;
        _barrier.SignalAndWait(0);
        RunSparseEpoch(0);
        _sparseEpoch = false;
        ThrowIfFailed();
        return _epochTotals;
    }

    /// <summary>
    /// Sums the threads' gradients of the weight and bias and their loss totals in thread order, updates the weight and
    /// bias, and returns the step's totals (thread 0, after the barrier that ends the gradients).
    /// </summary>
    private BatchTotals UpdateWeightAndBias(float stepSize)
    {
        float gradWeight = _gradWeight[0], gradBias = _gradBias[0];
        var totals = _totals[0];
        for (var t = 1; t < _threads; t++)
        {
            gradWeight += _gradWeight[t];
            gradBias += _gradBias[t];
            totals += _totals[t];
        }
        ScalarKernel.UpdateWeightAndBias(_model, _adam, _settings, stepSize, gradWeight, gradBias);
        return totals;
    }

    /// <summary>Maps shards [<paramref name="fromShard"/>, <paramref name="toShard"/>) of the batch of <paramref name="count"/> pairs at <paramref name="start"/>.</summary>
    private void MapShards(SparseBatch batch, int start, int count, int fromShard, int toShard)
    {
        var left = _left.AsSpan(start, count);
        var right = _right.AsSpan(start, count);
        for (var t = fromShard; t < toShard; t++)
        {
            var (from, to) = Share(count, t);
            batch.PrepareShard(t, left, right, from, to);
        }
    }

    /// <summary>One thread's part of a sparse epoch (see <see cref="SparseEpoch"/>).</summary>
    private void RunSparseEpoch(int thread)
    {
        var mapper = thread == _threads - 1;
        var half = (_threads + 1) / 2;
        for (var t = 0; t < _epochSteps; t++)
        {
            var current = _batches[t & 1]!;
            var next = t + 1 < _epochSteps ? _batches[(t + 1) & 1] : null;
            var start = t * _epochBatch;
            var count = Math.Min(_epochBatch, _epochCount - start);
            var nextStart = start + _epochBatch;
            var nextCount = Math.Min(_epochBatch, _epochCount - nextStart);
            try
            {
                if (mapper && next is not null)
                {
                    next.BeginShards(_model, _threads);
                    MapShards(next, nextStart, nextCount, 0, half);
                }
                RunShard(thread, current, start, count);
            }
            catch (Exception failure)
            {
                _failures[thread] = failure;
            }
            _barrier.SignalAndWait(thread);
            try
            {
                var stepSize = _settings.StepSize(_epochRate, _epochFirstStep + t + 1);
                if (thread == 0)
                {
                    _adam.Step = _epochFirstStep + t + 1;
                    _epochTotals += UpdateWeightAndBias(stepSize);
                    if (next is not null)
                    {
                        // The weight and bias the next step takes: its mapping, before the last barrier, copied them a step early.
                        next.Local.WeightParameter = _model.WeightParameter;
                        next.Local.Bias = _model.Bias;
                    }
                }
                RunSparseAdam(thread, current, stepSize);
                if (mapper && next is not null)
                {
                    MapShards(next, nextStart, nextCount, half, _threads);
                    next.EndShards(_threads);
                }
            }
            catch (Exception failure)
            {
                _failures[thread] = failure;
            }
            _barrier.SignalAndWait(thread);
        }
    }

    /// <summary>
    /// Runs <paramref name="job"/> on every thread of the stepper at once (the calling thread is thread 0) and
    /// returns when all have finished: work between epochs, such as filling the next epoch's pairs, then takes the
    /// cores the steps take instead of competing with them from a thread of its own.
    /// </summary>
    public void OnEveryThread(Action<int> job)
    {
        _job = job;
        _barrier.SignalAndWait(0);
        RunJob(0);
        _barrier.SignalAndWait(0);
        _job = null;
        ThrowIfFailed();
    }

    public void Dispose()
    {
        _stopping = true;
        _barrier.SignalAndWait(0);
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void Work(int thread)
    {
        while (true)
        {
            _barrier.SignalAndWait(thread);
            if (_stopping)
            {
                return;
            }
            if (_job is not null)
            {
                RunJob(thread);
                _barrier.SignalAndWait(thread);
                continue;
            }
            if (_sparseEpoch)
            {
                RunSparseEpoch(thread);
                continue;
            }
            RunShard(thread, null, _start, _count);
            _barrier.SignalAndWait(thread);
            RunAdam(thread);
            _barrier.SignalAndWait(thread);
        }
    }

    /// <summary>
    /// Thread t's pairs: contiguous, a multiple of eight long so the vector kernel's lanes stay full. Dense steps split
    /// evenly; sparse steps give the last thread, which also maps the next batch, three quarters of the others' share
    /// (<see cref="SparseShare"/>).
    /// </summary>
    private (int Start, int End) Share(int total, int thread) => _sparse ? SparseShare(total, _threads, thread) : EvenShare(total, _threads, thread);

    private static (int Start, int End) EvenShare(int total, int threads, int thread)
    {
        var per = ((total + threads - 1) / threads + 7) & ~7;
        return (Math.Min(total, thread * per), Math.Min(total, (thread + 1) * per));
    }

    /// <summary>
    /// A sparse step's shards: every thread but the last takes total / (threads − 1/4) pairs rounded up to a multiple of
    /// eight, the last the rest. Mapping a batch costs about a quarter of what a thread's shard of it costs, so on two
    /// threads 296 and 216 pairs of 512 keep both busy the whole step.
    /// </summary>
    internal static (int Start, int End) SparseShare(int total, int threads, int thread)
    {
        if (threads == 1)
        {
            return (0, total);
        }
        var per = ((int)Math.Ceiling(total / (threads - 0.25)) + 7) & ~7;
        return (Math.Min(total, thread * per), thread == threads - 1 ? total : Math.Min(total, (thread + 1) * per));
    }

    private void RunJob(int thread)
    {
        try
        {
            _job!(thread);
        }
        catch (Exception failure)
        {
            _failures[thread] = failure;
        }
    }

    /// <summary>
    /// Copies this thread's range of slots into the compact table, and the shared slots its pairs may name from
    /// other ranges: those are written by more than one thread, with the same values, so no barrier is needed
    /// between gathering and taking the gradient. On interleaved rows nothing is gathered: the gradient reads the
    /// rows where they lie (<see cref="FusedKernel.AccumulateInterleaved"/>), and no thread writes them before the barrier.
    /// </summary>
    private void Gather(SparseBatch batch, int thread)
    {
        int from = batch.ShardSlots[thread], to = batch.ShardSlots[thread + 1];
        GatherSlots(batch, from, to);
        for (var k = 0; k < batch.SharedCount; k++)
        {
            var slot = batch.SharedSlots[k];
            if (slot < from)
            {
                GatherSlots(batch, slot, slot + 1);
            }
        }
    }

    private void GatherSlots(SparseBatch batch, int from, int to) => batch.Gather(_model, _adam, from, to);

    private void RunShard(int thread, SparseBatch? sparse, int batchStart, int batchCount)
    {
        try
        {
            if (sparse is not null && _interleaved is null)
            {
                Gather(sparse, thread);
            }
            var (from, to) = Share(batchCount, thread);
            var length = to - from;
            _gradWeight[thread] = _gradBias[thread] = 0f;
            if (length == 0)
            {
                _totals[thread] = default;
            }
            else if (sparse is not null && _interleaved is not null)
            {
                var start = batchStart + from;
                _totals[thread] = FusedKernel.AccumulateInterleaved(sparse.Local, _interleaved, _left.AsSpan(start, length),
                    _right.AsSpan(start, length), sparse.Left.AsSpan(from, length), sparse.Right.AsSpan(from, length),
                    _labels.AsSpan(start, length), 1f / batchCount, sparse.Gradients[thread], out _gradWeight[thread],
                    out _gradBias[thread]);
            }
            else if (sparse is not null)
            {
                _totals[thread] = _kernel.Accumulate(sparse.Local, sparse.Left.AsSpan(from, length), sparse.Right.AsSpan(from, length),
                    _labels.AsSpan(batchStart + from, length), 1f / batchCount, sparse.Gradients[thread], out _gradWeight[thread],
                    out _gradBias[thread]);
            }
            else
            {
                var start = batchStart + from;
                _totals[thread] = _kernel.Accumulate(_model, _left.AsSpan(start, length), _right.AsSpan(start, length),
                    _labels.AsSpan(start, length), 1f / batchCount, _gradients[thread], out _gradWeight[thread], out _gradBias[thread]);
            }
        }
        catch (Exception failure)
        {
            _failures[thread] = failure;
        }
    }

    /// <summary>Dense Adam on this thread's share of the table's elements, the threads' gradients summed first.</summary>
    private void RunAdam(int thread)
    {
        try
        {
            var (from, to) = Share(_model.Embedding.Length, thread);
            Combine(_gradients, from, to - from);
            _kernel.DenseAdam(_model, _adam, _settings, _stepSize, from, to);
        }
        catch (Exception failure)
        {
            _failures[thread] = failure;
        }
    }

    /// <summary>Sparse Adam on the slots this thread's shard named first, the shared ones' gradients summed first.</summary>
    private void RunSparseAdam(int thread, SparseBatch batch, float stepSize)
    {
        var dims = _model.Dims;
        int from = batch.ShardSlots[thread], to = batch.ShardSlots[thread + 1];
        CombineShared(batch, thread, from, to);
        var rows = batch.Rows.AsSpan(from, to - from);
        var missed = batch.Missed.AsSpan(from, to - from);
        var gradients = batch.Gradients[thread].AsSpan(from * dims, (to - from) * dims);
        if (_interleaved is not null)
        {
            FusedKernel.SparseAdamInterleaved(_interleaved, _settings, stepSize, rows, missed, gradients, prefetch: true);
        }
        else
        {
            _kernel.SparseAdam(_model, _adam, _settings, stepSize, rows, missed, gradients);
        }
    }

    /// <summary>
    /// The full gradient of the shared slots in [from, to), summed over the threads in thread order into this
    /// thread's buffer; the others' are cleared. Every other slot of the range has its gradient in this thread's buffer alone.
    /// </summary>
    private void CombineShared(SparseBatch batch, int thread, int from, int to)
    {
        var dims = _model.Dims;
        var gradients = batch.Gradients;
        for (var k = 0; k < batch.SharedCount; k++)
        {
            var slot = batch.SharedSlots[k];
            if (slot < from || slot >= to)
            {
                continue;
            }
            for (var d = slot * dims; d < (slot + 1) * dims; d++)
            {
                var sum = gradients[0][d];
                for (var t = 1; t < _threads; t++)
                {
                    sum += gradients[t][d];
                }
                for (var t = 0; t < _threads; t++)
                {
                    gradients[t][d] = 0f;
                }
                gradients[thread][d] = sum;
            }
        }
    }

    /// <summary>Adds the other threads' gradients into thread 0's, in thread order, and clears theirs.</summary>
    private void Combine(float[][] gradients, int start, int length)
    {
        var total = gradients[0].AsSpan(start, length);
        for (var t = 1; t < _threads; t++)
        {
            var other = gradients[t].AsSpan(start, length);
            var k = 0;
            for (; k + Vector<float>.Count <= length; k += Vector<float>.Count)
            {
                (new Vector<float>(total[k..]) + new Vector<float>(other[k..])).CopyTo(total[k..]);
            }
            for (; k < length; k++)
            {
                total[k] += other[k];
            }
            other.Clear();
        }
    }

    private void ThrowIfFailed()
    {
        foreach (var failure in _failures)
        {
            if (failure is not null)
            {
                throw new InvalidOperationException("a training thread failed", failure);
            }
        }
    }
}
