using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>
/// A batch seen through the rows it names, for sparse Adam on a table much larger than a batch: the distinct
/// rows get slots 0 … n−1 (in the order first seen, left ends first, so the slots depend only on the batch),
/// the pairs are rewritten as slot indices, and the rows are gathered into a compact table of n rows. The
/// kernel then runs unchanged on the compact table, whose gradient is a few kilobytes in L1/L2 instead of
/// scattered over the whole table; Adam writes each row back once. The large arrays are touched once per
/// named row: the row, its m and its v.
/// </summary>
internal sealed class SparseBatch
{
    /// <summary>Per row, the stamp of the last batch that named it and its slot there; shared by batches mapped in turn.</summary>
    private readonly RowStamps _rowStamps;
    /// <summary>Per slot: the stamp of the last batch in which it went on <see cref="SharedSlots"/>.</summary>
    private readonly int[] _sharedStamps;
    private int _stamp;
    private int _generation;
    private int _count;
    private int _shared;

    /// <summary>
    /// A batch of up to <paramref name="batch"/> pairs for <paramref name="threads"/> shards, mapped on
    /// <paramref name="stamps"/> (those of the Adam state it steps: batches mapped in turn share them, one stamp a step)
    /// or on stamps of its own.
    /// </summary>
    public SparseBatch(EmbeddingModel model, int batch, int threads = 1, RowStamps? stamps = null)
    {
        _rowStamps = stamps ?? new RowStamps(model.Items);
        if (_rowStamps.Entries.Length != model.Items)
        {
            throw new ArgumentException("stamps of another table", nameof(stamps));
        }
        Rows = new int[2 * batch];
        Missed = new int[2 * batch];
        _sharedStamps = new int[2 * batch];
        SharedSlots = new int[2 * batch];
        ShardSlots = new int[threads + 1];
        Left = new int[batch];
        Right = new int[batch];
        Local = new EmbeddingModel(2 * batch, model.Dims, model.WeightForm);
        Gradients = new float[threads][];
        for (var t = 0; t < threads; t++)
        {
            Gradients[t] = new float[Local.Embedding.Length];
        }
    }

    /// <summary>The distinct rows of the batch; slot s holds row Rows[s].</summary>
    public int[] Rows { get; }

    /// <summary>
    /// Per slot: the steps its row missed since a step last named it (or since the stamps last settled it), for
    /// <see cref="AdamCatchUp"/>. Read off the row's stamp as the batch is mapped, one stamp a step.
    /// </summary>
    public int[] Missed { get; }

    public int RowCount { get; private set; }

    /// <summary>The batch's pairs as slots.</summary>
    public int[] Left { get; }
    public int[] Right { get; }

    /// <summary>The named rows, slot after slot, with the model's weight and bias.</summary>
    public EmbeddingModel Local { get; }

    /// <summary>Per-thread gradients of the compact table, kept all-zero between steps.</summary>
    public float[][] Gradients { get; }

    /// <summary>
    /// After <see cref="PrepareShards"/>: shard t's rows first named in it have slots [ShardSlots[t], ShardSlots[t + 1]).
    /// </summary>
    public int[] ShardSlots { get; }

    /// <summary>After <see cref="PrepareShards"/>: the slots named by a shard after the one whose range holds them.</summary>
    public int[] SharedSlots { get; }

    public int SharedCount { get; private set; }

    /// <summary>Assigns slots, rewrites the pairs and copies the weight and bias; returns the number of distinct rows.</summary>
    public int Prepare(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        // One shard: no earlier slots, so nothing is shared.
        ReadOnlySpan<int> end = [left.Length];
        return PrepareShards(model, left, right, end);
    }

    /// <summary>
    /// <see cref="Prepare"/> for a batch split into contiguous shards of pairs, shard t ending at
    /// <paramref name="shardEnds"/>[t]: slots are assigned shard by shard, so a shard's rows mostly fall in its own range
    /// of slots (<see cref="ShardSlots"/>) and the few named by a later shard too are listed in <see cref="SharedSlots"/>.
    /// A thread that takes a shard's gradient and then Adam on its range of slots then touches almost only what it
    /// wrote itself: only the shared slots' gradients cross between cores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int PrepareShards(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<int> shardEnds)
    {
        BeginShards(model, shardEnds.Length);
        var from = 0;
        for (var t = 0; t < shardEnds.Length; t++)
        {
            PrepareShard(t, left, right, from, shardEnds[t]);
            from = shardEnds[t];
        }
        return EndShards(shardEnds.Length);
    }

    /// <summary>
    /// <see cref="PrepareShards"/> in parts, so that it can be spread over time: this, then <see cref="PrepareShard"/>
    /// for shards 0, 1, … in order, then <see cref="EndShards"/>. The weight and bias are copied here.
    /// </summary>
    public void BeginShards(EmbeddingModel model, int shards)
    {
        if (shards >= ShardSlots.Length)
        {
            throw new ArgumentException($"{shards} shards; this batch was made for {ShardSlots.Length - 1}");
        }
        NewBatch(model);
        _count = _shared = 0;
    }

    /// <summary>Maps shard <paramref name="shard"/>, pairs [from, to) of the batch (see <see cref="BeginShards"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PrepareShard(int shard, ReadOnlySpan<int> left, ReadOnlySpan<int> right, int from, int to)
    {
        var first = _count;
        ShardSlots[shard] = first;
        _count = Assign(left[from..to], Left.AsSpan(from), _count, first, ref _shared);
        _count = Assign(right[from..to], Right.AsSpan(from), _count, first, ref _shared);
    }

    /// <summary>Ends <see cref="BeginShards"/>; returns the number of distinct rows.</summary>
    public int EndShards(int shards)
    {
        ShardSlots[shards] = _count;
        RowCount = _count;
        SharedCount = _shared;
        return _count;
    }

    private void NewBatch(EmbeddingModel model)
    {
        Local.WeightParameter = model.WeightParameter;
        Local.Bias = model.Bias;
        _stamp = ++_rowStamps.Current;
        if (_stamp == int.MaxValue)
        {
            // Once in 2³¹ steps: the rows' missed steps before this one are forgotten (they read as none).
            Array.Clear(_rowStamps.Entries);
            _rowStamps.Current = _stamp = 1;
            _rowStamps.Generation++;
        }
        if (_generation != _rowStamps.Generation)
        {
            // The stamps started again (here or in a batch sharing them): this batch's older marks must not match.
            Array.Clear(_sharedStamps);
            _generation = _rowStamps.Generation;
        }
    }

    /// <summary>
    /// Copies the rows of slots [from, to) of the model into the compact table, and asks for the same rows of
    /// Adam's m and v, so that they are in the cache by the time Adam needs them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Gather(EmbeddingModel model, AdamState adam, int from, int to)
    {
        const int ahead = 16;
        var dims = model.Dims;
        var source = model.Embedding;
        var target = Local.Embedding;
        for (var s = from; s < to; s++)
        {
            if (s + ahead < to && Sse.IsSupported)
            {
                var offset = Rows[s + ahead] * dims;
                Prefetch(source, offset, dims);
                Prefetch(adam.MomentEmbedding, offset, dims);
                Prefetch(adam.VelocityEmbedding, offset, dims);
            }
            CopyRow(source, Rows[s] * dims, target, s * dims, dims);
        }
    }

    /// <summary>
    /// One sparse Adam step on one thread, with <paramref name="kernel"/>'s maths; the rows are read from and written to
    /// <paramref name="table"/> when given (the fused kernel only), else the model's and Adam's arrays.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BatchTotals Step(IGradientKernel kernel, EmbeddingModel model, AdamState adam, AdamSettings settings,
        float learningRate, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels, InterleavedRows? table = null)
    {
        if (table is not null && kernel is not FusedKernel)
        {
            throw new ArgumentException("interleaved rows take the fused kernel's Adam", nameof(kernel));
        }
        var batch = adam.SparseBatch(model, left.Length);
        var rows = batch.Prepare(model, left, right);
        var gradient = batch.Gradients[0];
        float gradWeightParameter, gradBias;
        BatchTotals totals;
        if (table is null)
        {
            batch.Gather(model, adam, 0, rows);
            totals = kernel.Accumulate(batch.Local, batch.Left.AsSpan(0, left.Length), batch.Right.AsSpan(0, left.Length), labels,
                1f / left.Length, gradient, out gradWeightParameter, out gradBias);
        }
        else
        {
            // The rows are read where they lie, their values asked for ahead of the arithmetic: no gathered copy.
            totals = FusedKernel.AccumulateInterleaved(batch.Local, table, left, right, batch.Left.AsSpan(0, left.Length),
                batch.Right.AsSpan(0, left.Length), labels, 1f / left.Length, gradient, out gradWeightParameter, out gradBias);
        }
        adam.Step++;
        var stepSize = settings.StepSize(learningRate, adam.Step);
        var named = batch.Rows.AsSpan(0, rows);
        var missed = batch.Missed.AsSpan(0, rows);
        var rowGradients = gradient.AsSpan(0, rows * model.Dims);
        if (table is null)
        {
            kernel.SparseAdam(model, adam, settings, stepSize, named, missed, rowGradients);
        }
        else
        {
            FusedKernel.SparseAdamInterleaved(table, settings, stepSize, named, missed, rowGradients, prefetch: true);
        }
        ScalarKernel.UpdateWeightAndBias(model, adam, settings, stepSize, gradWeightParameter, gradBias);
        return totals;
    }

    /// <summary>A row copy, eight floats at a time: rows are short, and Span.CopyTo called memmove for each one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float[] source, int from, float[] target, int to, int dims)
    {
        ref var read = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(source), from);
        ref var write = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(target), to);
        var k = 0;
        for (; k + Vector256<float>.Count <= dims; k += Vector256<float>.Count)
        {
            Vector256.LoadUnsafe(ref read, (nuint)k).StoreUnsafe(ref write, (nuint)k);
        }
        for (; k < dims; k++)
        {
            Unsafe.Add(ref write, k) = Unsafe.Add(ref read, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Prefetch(float[] array, int offset, int dims)
    {
        fixed (float* p = array)
        {
            Sse.Prefetch0(p + offset);
            Sse.Prefetch0(p + offset + dims - 1);
        }
    }

    /// <summary>
    /// Gives each item not yet seen in this batch the next slot and writes every item's slot; lists the slots below
    /// <paramref name="first"/> (an earlier shard's) it names.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Assign(ReadOnlySpan<int> items, Span<int> slots, int count, int first, ref int shared)
    {
        var stamp = (long)_stamp << 32;
        var slotStamps = _rowStamps.Entries;
        var rows = Rows;
        var missed = Missed;
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k];
            var entry = slotStamps[item];
            if ((entry & ~0xFFFFFFFFL) != stamp)
            {
                // The entry's stamp is the step that last named the row: the steps between it and this one it missed.
                missed[count] = _stamp - 1 - (int)(entry >> 32);
                entry = stamp | (uint)count;
                slotStamps[item] = entry;
                rows[count++] = item;
            }
            else if ((int)entry < first && _sharedStamps[(int)entry] != _stamp)
            {
                _sharedStamps[(int)entry] = _stamp;
                SharedSlots[shared++] = (int)entry;
            }
            slots[k] = (int)entry;
        }
        return count;
    }
}
