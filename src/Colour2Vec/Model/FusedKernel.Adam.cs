using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

public sealed unsafe partial class FusedKernel
{
    /// <summary>Adam on every element, eight at a time; the gradient is cleared for the next step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DenseAdamSweep(Span<float> parameters, Span<float> gradient, Span<float> moment, Span<float> velocity,
        AdamSettings settings, float stepSize)
    {
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var m = ref MemoryMarshal.GetReference(moment);
        ref var v = ref MemoryMarshal.GetReference(velocity);
        var lanes = new AdamLanes(settings, stepSize);
        var k = 0;
        for (; k + Lanes <= parameters.Length; k += Lanes)
        {
            lanes.Update(ref p, ref g, ref m, ref v, (nuint)k);
        }
        for (; k < parameters.Length; k++)
        {
            Unsafe.Add(ref p, k) = ScalarKernel.AdamUpdate(Unsafe.Add(ref p, k), Unsafe.Add(ref g, k), ref Unsafe.Add(ref m, k),
                ref Unsafe.Add(ref v, k), settings, stepSize);
            Unsafe.Add(ref g, k) = 0f;
        }
    }

    private const int SparsePrefetchRows = 16;

    /// <summary>Adam's constants in lanes, and its update of eight elements (the gradient cleared after).</summary>
    private readonly struct AdamLanes(AdamSettings settings, float stepSize)
    {
        private readonly Vector256<float> _beta1 = Vector256.Create(settings.Beta1);
        private readonly Vector256<float> _beta2 = Vector256.Create(settings.Beta2);
        private readonly Vector256<float> _oneMinusBeta1 = Vector256.Create(1f - settings.Beta1);
        private readonly Vector256<float> _oneMinusBeta2 = Vector256.Create(1f - settings.Beta2);
        private readonly Vector256<float> _epsilon = Vector256.Create(settings.Epsilon);
        private readonly Vector256<float> _step = Vector256.Create(stepSize);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Update(ref float p, ref float g, ref float m, ref float v, nuint k)
        {
            var grad = Vector256.LoadUnsafe(ref g, k);
            var newMoment = _beta1 * Vector256.LoadUnsafe(ref m, k) + _oneMinusBeta1 * grad;
            var newVelocity = _beta2 * Vector256.LoadUnsafe(ref v, k) + _oneMinusBeta2 * grad * grad;
            newMoment.StoreUnsafe(ref m, k);
            newVelocity.StoreUnsafe(ref v, k);
            (Vector256.LoadUnsafe(ref p, k) - _step * newMoment / (Vector256.Sqrt(newVelocity) + _epsilon)).StoreUnsafe(ref p, k);
            Vector256<float>.Zero.StoreUnsafe(ref g, k);
        }

        /// <summary>
        /// <see cref="Update(ref float, ref float, ref float, ref float, nuint)"/> for a row of sparse Adam, with the steps
        /// it missed (<see cref="AdamCatchUp"/>): <paramref name="momentScale"/> and <paramref name="velocityScale"/> stand for
        /// β1 and β2, and the value moves by <paramref name="drift"/>·m more. <see cref="AdamCatchUp.Step"/>'s maths, with
        /// fused multiply-adds where the processor has them (every x86 processor with AVX2 does): the same bits on every
        /// such processor, not quite those of the element form.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Update(ref float p, ref float g, ref float m, ref float v, nuint k, Vector256<float> momentScale,
            Vector256<float> velocityScale, Vector256<float> drift)
        {
            var grad = Vector256.LoadUnsafe(ref g, k);
            var moment = Vector256.LoadUnsafe(ref m, k);
            var missedMoves = drift * moment;
            var velocity = Vector256.LoadUnsafe(ref v, k);
            Vector256<float> newMoment, newVelocity, moves;
            if (Fma.IsSupported)
            {
                // Three of the multiplications fused with their additions: alternate epochs in one process, two threads,
                // the catch-up's extra cost went from 14 % of an epoch to 10 %.
                newMoment = Fma.MultiplyAdd(momentScale, moment, _oneMinusBeta1 * grad);
                newVelocity = Fma.MultiplyAdd(velocityScale, velocity, _oneMinusBeta2 * grad * grad);
                moves = Fma.MultiplyAdd(_step, newMoment, missedMoves);
            }
            else
            {
                newMoment = momentScale * moment + _oneMinusBeta1 * grad;
                newVelocity = velocityScale * velocity + _oneMinusBeta2 * grad * grad;
                moves = _step * newMoment + missedMoves;
            }
            newMoment.StoreUnsafe(ref m, k);
            newVelocity.StoreUnsafe(ref v, k);
            (Vector256.LoadUnsafe(ref p, k) - moves / (Vector256.Sqrt(newVelocity) + _epsilon)).StoreUnsafe(ref p, k);
            Vector256<float>.Zero.StoreUnsafe(ref g, k);
        }
    }

    /// <summary>A row's catch-up factors (<see cref="AdamCatchUp.Factors(int)"/>) at <paramref name="stepSize"/>, in lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Moment, Vector256<float> Velocity, Vector256<float> Drift) GapLanes(Vector128<float> factors,
        float stepSize) => GapLanes(factors.ToScalar(), factors.GetElement(1), stepSize * factors.GetElement(2));

    /// <summary>A row's m and v scales and drift (<see cref="AdamCatchUp"/>), in lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Moment, Vector256<float> Velocity, Vector256<float> Drift) GapLanes(float momentScale,
        float velocityScale, float drift) => (Vector256.Create(momentScale), Vector256.Create(velocityScale), Vector256.Create(drift));

    /// <summary>
    /// <see cref="SparseAdam"/> for rows of whole vectors (d a multiple of 8, the large-table case), each row's missed
    /// steps with its own (<see cref="AdamCatchUp"/>), with the constants loaded once per batch instead of once per row
    /// and no spans made per row. A call of the sweep per 16-float row spent
    /// about as long getting ready as updating.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SparseAdamWholeVectors(float[] embedding, float[] moment, float[] velocity, int dims, AdamSettings settings,
        float stepSize, ReadOnlySpan<int> rows, ReadOnlySpan<int> missed, Span<float> rowGradients)
    {
        var lanes = new AdamLanes(settings, stepSize);
        var catchUp = AdamCatchUp.For(settings);
        if ((long)rows.Length * dims > rowGradients.Length || missed.Length < rows.Length)
        {
            throw new ArgumentException("row gradients or missed steps shorter than the rows named");
        }
        fixed (float* parameters = embedding)
        fixed (float* moments = moment)
        fixed (float* velocities = velocity)
        fixed (float* gradients = rowGradients)
        {
            for (var s = 0; s < rows.Length; s++)
            {
                if (s + SparsePrefetchRows < rows.Length && Sse.IsSupported)
                {
                    var ahead = (nint)rows[s + SparsePrefetchRows] * dims;
                    Sse.Prefetch0(moments + ahead);
                    Sse.Prefetch0(moments + ahead + dims - 1);
                    Sse.Prefetch0(velocities + ahead);
                    Sse.Prefetch0(velocities + ahead + dims - 1);
                }
                var row = (uint)rows[s];
                if ((long)(row + 1) * dims > embedding.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(rows), $"row {row} is outside the table");
                }
                var offset = (nint)row * dims;
                float* p = parameters + offset, m = moments + offset, v = velocities + offset, g = gradients + (nint)s * dims;
                var (momentLanes, velocityLanes, driftLanes) = GapLanes(catchUp.Factors(missed[s]), stepSize);
                for (var k = 0; k < dims; k += Lanes)
                {
                    lanes.Update(ref *p, ref *g, ref *m, ref *v, (nuint)k, momentLanes, velocityLanes, driftLanes);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="SparseAdamWholeVectors"/> on <see cref="InterleavedRows"/>: the same operations on each row, so the
    /// same bits, with the value, m and v of a row in adjacent cache lines (asked for a few rows ahead: the gradient
    /// asked only for the values). The common widths run a copy compiled for their width (<see cref="IRowWidth"/>):
    /// at d = 16 that made epochs on two threads 7 % shorter.
    /// </summary>
    internal static void SparseAdamInterleaved(InterleavedRows table, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        ReadOnlySpan<int> missed, Span<float> rowGradients, bool prefetch = false)
    {
        switch (table.Dims)
        {
            case 8:
                SparseAdamInterleaved<Width8>(table, settings, stepSize, rows, missed, rowGradients, prefetch);
                break;
            case 16:
                SparseAdamInterleaved<Width16>(table, settings, stepSize, rows, missed, rowGradients, prefetch);
                break;
            case 32:
                SparseAdamInterleaved<Width32>(table, settings, stepSize, rows, missed, rowGradients, prefetch);
                break;
            case 64:
                SparseAdamInterleaved<Width64>(table, settings, stepSize, rows, missed, rowGradients, prefetch);
                break;
            default:
                SparseAdamInterleaved<AnyWidth>(table, settings, stepSize, rows, missed, rowGradients, prefetch);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SparseAdamInterleaved<TWidth>(InterleavedRows table, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        ReadOnlySpan<int> missed, Span<float> rowGradients, bool prefetch)
        where TWidth : struct, IRowWidth
    {
        var lanes = new AdamLanes(settings, stepSize);
        var catchUp = AdamCatchUp.For(settings);
        var dims = TWidth.Of(table.Dims);
        if (dims != table.Dims || (long)rows.Length * dims > rowGradients.Length || missed.Length < rows.Length)
        {
            throw new ArgumentException("row gradients or missed steps shorter than the rows named, or rows of another width");
        }
        // The table's layout in locals: read through the object, its fields were loaded again for every row (the
        // stores through the row pointers might have changed them, as far as the compiler knows).
        var block = table.Row(0);
        var stride = (nint)InterleavedRows.StrideFor(dims);
        var items = (uint)table.Items;
        prefetch &= Sse.IsSupported;
        fixed (float* gradients = rowGradients)
        {
            for (var s = 0; s < rows.Length; s++)
            {
                if (prefetch && s + SparsePrefetchRows < rows.Length)
                {
                    // A prefetch never faults, so a row outside the table needs no check here (it is refused below).
                    PrefetchBlock(block + (uint)rows[s + SparsePrefetchRows] * stride, stride);
                }
                var row = (uint)rows[s];
                if (row >= items)
                {
                    throw new ArgumentOutOfRangeException(nameof(rows), "a row outside the table");
                }
                var p = block + row * stride;
                float* m = p + dims, v = p + 2 * dims, g = gradients + (nint)s * dims;
                var (momentLanes, velocityLanes, driftLanes) = GapLanes(catchUp.Factors(missed[s]), stepSize);
                // The first two vectors written out: at a constant width the loop then folds away (d = 8 or 16).
                lanes.Update(ref *p, ref *g, ref *m, ref *v, 0, momentLanes, velocityLanes, driftLanes);
                if (dims > Lanes)
                {
                    lanes.Update(ref *p, ref *g, ref *m, ref *v, Lanes, momentLanes, velocityLanes, driftLanes);
                }
                for (var k = 2 * Lanes; k < dims; k += Lanes)
                {
                    lanes.Update(ref *p, ref *g, ref *m, ref *v, (nuint)k, momentLanes, velocityLanes, driftLanes);
                }
            }
        }
    }

    /// <summary>Asks for every line of a row's block; the first three written out, for a constant stride to fold them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchBlock(float* block, nint stride)
    {
        const int line = 64 / sizeof(float);
        Sse.Prefetch0(block);
        if (stride > line)
        {
            Sse.Prefetch0(block + line);
        }
        if (stride > 2 * line)
        {
            Sse.Prefetch0(block + 2 * line);
        }
        for (nint at = 3 * line; at < stride; at += line)
        {
            Sse.Prefetch0(block + at);
        }
    }

    /// <summary>Dense Adam on the elements [start, end) (the data-parallel steps split the table between threads).</summary>
    public void DenseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, int start, int end) =>
        DenseAdamSweep(model.Embedding.AsSpan(start, end - start), adam.GradientEmbedding.AsSpan(start, end - start),
            adam.MomentEmbedding.AsSpan(start, end - start), adam.VelocityEmbedding.AsSpan(start, end - start), settings, stepSize);

    /// <summary>
    /// LazyAdam on the named rows, each taking the <paramref name="missed"/> steps it missed with its own
    /// (<see cref="AdamCatchUp"/>), eight dimensions at a time along each row (a scalar tail for d mod 8). The
    /// rows come unsorted from the batch, so the next rows' cache lines are requested ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SparseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        ReadOnlySpan<int> missed, Span<float> rowGradients)
    {
        var dims = model.Dims;
        var embedding = model.Embedding;
        var moment = adam.MomentEmbedding;
        var velocity = adam.VelocityEmbedding;
        if (dims % Lanes == 0)
        {
            SparseAdamWholeVectors(embedding, moment, velocity, dims, settings, stepSize, rows, missed, rowGradients);
            return;
        }
        var catchUp = AdamCatchUp.For(settings);
        var lanes = new AdamLanes(settings, stepSize);
        for (var s = 0; s < rows.Length; s++)
        {
            if (s + SparsePrefetchRows < rows.Length && Sse.IsSupported)
            {
                var ahead = rows[s + SparsePrefetchRows] * dims;
                SparseBatch.Prefetch(moment, ahead, dims);
                SparseBatch.Prefetch(velocity, ahead, dims);
            }
            var row = rows[s];
            catchUp.Factors(missed[s], stepSize, out var momentScale, out var velocityScale, out var drift);
            var offset = row * dims;
            var p = embedding.AsSpan(offset, dims);
            var g = rowGradients.Slice(s * dims, dims);
            var m = moment.AsSpan(offset, dims);
            var v = velocity.AsSpan(offset, dims);
            var k = 0;
            if (dims >= Lanes)
            {
                var (momentLanes, velocityLanes, driftLanes) = GapLanes(momentScale, velocityScale, drift);
                for (; k + Lanes <= dims; k += Lanes)
                {
                    lanes.Update(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(g), ref MemoryMarshal.GetReference(m),
                        ref MemoryMarshal.GetReference(v), (nuint)k, momentLanes, velocityLanes, driftLanes);
                }
            }
            for (; k < dims; k++)
            {
                p[k] = catchUp.Step(p[k], g[k], ref m[k], ref v[k], momentScale, velocityScale, drift, stepSize);
                g[k] = 0f;
            }
        }
    }
}
