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
/// <item>Sparse: the calling thread first maps the batch to its rows shard by shard
/// (<see cref="SparseBatch.PrepareShards"/>), so that each thread gathers, takes the gradient of and updates a
/// range of slots its own shard named first. Only the few rows two shards name (about 8 of 1,000 on a 32k table)
/// have their gradients summed across threads. An earlier design split the slots evenly between the threads
/// whatever shard named them, and spent most of its time moving the compact table and the gradients between the
/// cores' caches: it ran slower on two threads than on one.</item>
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
    private SparseBatch? _sparseBatch;
    private readonly int[] _shardEnds;
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
        _shardEnds = new int[threads];
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
            if (_sparseBatch is null || _sparseBatch.Left.Length < count)
            {
                _sparseBatch = new SparseBatch(_model, count, _threads);
            }
            for (var t = 0; t < _threads; t++)
            {
                _shardEnds[t] = Share(count, t).End;
            }
            _sparseBatch.PrepareShards(_model, _left.AsSpan(start, count), _right.AsSpan(start, count), _shardEnds);
        }
        _barrier.SignalAndWait();
        RunShard(0);
        _barrier.SignalAndWait();
        float gradWeight = _gradWeight[0], gradBias = _gradBias[0];
        var totals = _totals[0];
        for (var t = 1; t < _threads; t++)
        {
            gradWeight += _gradWeight[t];
            gradBias += _gradBias[t];
            totals += _totals[t];
        }
        ScalarKernel.UpdateWeightAndBias(_model, _adam, _settings, _stepSize, gradWeight, gradBias);
        RunAdam(0);
        _barrier.SignalAndWait();
        ThrowIfFailed();
        return totals;
    }

    /// <summary>
    /// Runs <paramref name="job"/> on every thread of the stepper at once (the calling thread is thread 0) and
    /// returns when all have finished: work between epochs, such as filling the next epoch's pairs, then takes the
    /// cores the steps take instead of competing with them from a thread of its own.
    /// </summary>
    public void OnEveryThread(Action<int> job)
    {
        _job = job;
        _barrier.SignalAndWait();
        RunJob(0);
        _barrier.SignalAndWait();
        _job = null;
        ThrowIfFailed();
    }

    public void Dispose()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void Work(int thread)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
            {
                return;
            }
            if (_job is not null)
            {
                RunJob(thread);
                _barrier.SignalAndWait();
                continue;
            }
            RunShard(thread);
            _barrier.SignalAndWait();
            RunAdam(thread);
            _barrier.SignalAndWait();
        }
    }

    /// <summary>Thread t's pairs: contiguous, a multiple of eight long so the vector kernel's lanes stay full.</summary>
    private (int Start, int End) Share(int total, int thread)
    {
        var per = ((total + _threads - 1) / _threads + 7) & ~7;
        return (Math.Min(total, thread * per), Math.Min(total, (thread + 1) * per));
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
    /// between gathering and taking the gradient.
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

    private void GatherSlots(SparseBatch batch, int from, int to)
    {
        if (_interleaved is not null)
        {
            _interleaved.Gather(batch.Rows, batch.Local.Embedding, from, to);
        }
        else
        {
            batch.Gather(_model, _adam, from, to);
        }
    }

    private void RunShard(int thread)
    {
        try
        {
            if (_sparseBatch is { } sparse)
            {
                Gather(sparse, thread);
            }
            var (from, to) = Share(_count, thread);
            var length = to - from;
            _gradWeight[thread] = _gradBias[thread] = 0f;
            if (length == 0)
            {
                _totals[thread] = default;
            }
            else if (_sparseBatch is { } batch)
            {
                _totals[thread] = _kernel.Accumulate(batch.Local, batch.Left.AsSpan(from, length), batch.Right.AsSpan(from, length),
                    _labels.AsSpan(_start + from, length), 1f / _count, batch.Gradients[thread], out _gradWeight[thread], out _gradBias[thread]);
            }
            else
            {
                var start = _start + from;
                _totals[thread] = _kernel.Accumulate(_model, _left.AsSpan(start, length), _right.AsSpan(start, length),
                    _labels.AsSpan(start, length), 1f / _count, _gradients[thread], out _gradWeight[thread], out _gradBias[thread]);
            }
        }
        catch (Exception failure)
        {
            _failures[thread] = failure;
        }
    }

    private void RunAdam(int thread)
    {
        try
        {
            var dims = _model.Dims;
            if (_sparseBatch is { } batch)
            {
                int from = batch.ShardSlots[thread], to = batch.ShardSlots[thread + 1];
                CombineShared(batch, thread, from, to);
                var rows = batch.Rows.AsSpan(from, to - from);
                var gradients = batch.Gradients[thread].AsSpan(from * dims, (to - from) * dims);
                if (_interleaved is not null)
                {
                    FusedKernel.SparseAdamInterleaved(_interleaved, _settings, _stepSize, rows, gradients);
                }
                else
                {
                    _kernel.SparseAdam(_model, _adam, _settings, _stepSize, rows, gradients);
                }
            }
            else
            {
                var (from, to) = Share(_model.Embedding.Length, thread);
                Combine(_gradients, from, to - from);
                _kernel.DenseAdam(_model, _adam, _settings, _stepSize, from, to);
            }
        }
        catch (Exception failure)
        {
            _failures[thread] = failure;
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
