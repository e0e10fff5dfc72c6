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
        var beta1 = Vector256.Create(settings.Beta1);
        var beta2 = Vector256.Create(settings.Beta2);
        var oneMinusBeta1 = Vector256.Create(1f - settings.Beta1);
        var oneMinusBeta2 = Vector256.Create(1f - settings.Beta2);
        var epsilon = Vector256.Create(settings.Epsilon);
        var step = Vector256.Create(stepSize);
        var k = 0;
        for (; k + Lanes <= parameters.Length; k += Lanes)
        {
            var grad = Vector256.LoadUnsafe(ref g, (nuint)k);
            var newMoment = beta1 * Vector256.LoadUnsafe(ref m, (nuint)k) + oneMinusBeta1 * grad;
            var newVelocity = beta2 * Vector256.LoadUnsafe(ref v, (nuint)k) + oneMinusBeta2 * grad * grad;
            newMoment.StoreUnsafe(ref m, (nuint)k);
            newVelocity.StoreUnsafe(ref v, (nuint)k);
            (Vector256.LoadUnsafe(ref p, (nuint)k) - step * newMoment / (Vector256.Sqrt(newVelocity) + epsilon)).StoreUnsafe(ref p, (nuint)k);
            Vector256<float>.Zero.StoreUnsafe(ref g, (nuint)k);
        }
        for (; k < parameters.Length; k++)
        {
            Unsafe.Add(ref p, k) = ScalarKernel.AdamUpdate(Unsafe.Add(ref p, k), Unsafe.Add(ref g, k), ref Unsafe.Add(ref m, k),
                ref Unsafe.Add(ref v, k), settings, stepSize);
            Unsafe.Add(ref g, k) = 0f;
        }
    }

    private const int SparsePrefetchRows = 16;

    /// <summary>
    /// <see cref="SparseAdam"/> for rows of whole vectors (d a multiple of 8, the large-table case): the same
    /// operations as <see cref="DenseAdamSweep"/> on each row, so the same bits, with the constants loaded once
    /// per batch instead of once per row and no spans made per row. A call of the sweep per 16-float row spent
    /// about as long getting ready as updating.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SparseAdamWholeVectors(float[] embedding, float[] moment, float[] velocity, int dims, AdamSettings settings,
        float stepSize, ReadOnlySpan<int> rows, Span<float> rowGradients)
    {
        var beta1 = Vector256.Create(settings.Beta1);
        var beta2 = Vector256.Create(settings.Beta2);
        var oneMinusBeta1 = Vector256.Create(1f - settings.Beta1);
        var oneMinusBeta2 = Vector256.Create(1f - settings.Beta2);
        var epsilon = Vector256.Create(settings.Epsilon);
        var step = Vector256.Create(stepSize);
        if ((long)rows.Length * dims > rowGradients.Length)
        {
            throw new ArgumentException("row gradients shorter than the rows named");
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
                for (var k = 0; k < dims; k += Lanes)
                {
                    var grad = Vector256.Load(g + k);
                    var newMoment = beta1 * Vector256.Load(m + k) + oneMinusBeta1 * grad;
                    var newVelocity = beta2 * Vector256.Load(v + k) + oneMinusBeta2 * grad * grad;
                    newMoment.Store(m + k);
                    newVelocity.Store(v + k);
                    (Vector256.Load(p + k) - step * newMoment / (Vector256.Sqrt(newVelocity) + epsilon)).Store(p + k);
                    Vector256<float>.Zero.Store(g + k);
                }
            }
        }
    }

    /// <summary>Dense Adam on the elements [start, end) (the data-parallel steps split the table between threads).</summary>
    public void DenseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, int start, int end) =>
        DenseAdamSweep(model.Embedding.AsSpan(start, end - start), adam.GradientEmbedding.AsSpan(start, end - start),
            adam.MomentEmbedding.AsSpan(start, end - start), adam.VelocityEmbedding.AsSpan(start, end - start), settings, stepSize);

    /// <summary>
    /// LazyAdam on the named rows, eight dimensions at a time along each row (a scalar tail for d mod 8). The
    /// rows come unsorted from the batch, so the next rows' cache lines are requested ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SparseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        Span<float> rowGradients)
    {
        var dims = model.Dims;
        var embedding = model.Embedding;
        var moment = adam.MomentEmbedding;
        var velocity = adam.VelocityEmbedding;
        if (dims % Lanes == 0)
        {
            SparseAdamWholeVectors(embedding, moment, velocity, dims, settings, stepSize, rows, rowGradients);
            return;
        }
        for (var s = 0; s < rows.Length; s++)
        {
            if (s + SparsePrefetchRows < rows.Length && Sse.IsSupported)
            {
                var ahead = rows[s + SparsePrefetchRows] * dims;
                SparseBatch.Prefetch(moment, ahead, dims);
                SparseBatch.Prefetch(velocity, ahead, dims);
            }
            var offset = rows[s] * dims;
            DenseAdamSweep(embedding.AsSpan(offset, dims), rowGradients.Slice(s * dims, dims), moment.AsSpan(offset, dims),
                velocity.AsSpan(offset, dims), settings, stepSize);
        }
    }
}
