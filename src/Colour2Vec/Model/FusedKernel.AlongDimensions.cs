using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>The d ≥ 8 path: distances and row gradients computed eight dimensions at a time, per pair.</summary>
public sealed unsafe partial class FusedKernel
{
    /// <summary>
    /// For d ≥ 8: each lane's squared distance, computed eight dimensions at a time. Inlined into the loops that call it
    /// for d a multiple of 8 (no stackalloc on that path: a method with one is never inlined, and as a call once per
    /// eight pairs it made the loop keep its vectors on the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquaredDistancesAlongDimensions(float* embedding, int* laneIndex, int dims) =>
        dims % Lanes == 0 && Avx.IsSupported
            ? SquaredDistancesWholeVectors(embedding, laneIndex, dims)
            : SquaredDistancesWithTail(embedding, laneIndex, dims);

    /// <summary><see cref="SquaredDistancesAlongDimensions"/> for d not a multiple of 8: whole vectors, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> SquaredDistancesWithTail(float* embedding, int* laneIndex, int dims)
    {
        var d2 = stackalloc float[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            var a = embedding + laneIndex[lane];
            var b = embedding + laneIndex[Lanes + lane];
            var acc = Vector256<float>.Zero;
            var t = 0;
            for (; t + Lanes <= dims; t += Lanes)
            {
                var delta = Vector256.Load(a + t) - Vector256.Load(b + t);
                acc += delta * delta;
            }
            var sum = Vector256.Sum(acc);
            for (; t < dims; t++)
            {
                var delta = a[t] - b[t];
                sum += delta * delta;
            }
            d2[lane] = sum;
        }
        return Vector256.Load(d2);
    }

    /// <summary>
    /// <see cref="SquaredDistancesAlongDimensions"/> for d a multiple of 8: the same sums of squares per lane, then
    /// the eight horizontal sums at once through a tree of horizontal adds. It adds in the order
    /// <c>Vector256.Sum</c> does (each half's ((x0 + x1) + (x2 + x3)), then lower half + upper half), so the bits are the same,
    /// for about a fifth of the instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquaredDistancesWholeVectors(float* embedding, int* laneIndex, int dims)
    {
        var low = Avx.HorizontalAdd(
            Avx.HorizontalAdd(SumOfSquares(embedding, laneIndex, 0, dims), SumOfSquares(embedding, laneIndex, 1, dims)),
            Avx.HorizontalAdd(SumOfSquares(embedding, laneIndex, 2, dims), SumOfSquares(embedding, laneIndex, 3, dims)));
        var high = Avx.HorizontalAdd(
            Avx.HorizontalAdd(SumOfSquares(embedding, laneIndex, 4, dims), SumOfSquares(embedding, laneIndex, 5, dims)),
            Avx.HorizontalAdd(SumOfSquares(embedding, laneIndex, 6, dims), SumOfSquares(embedding, laneIndex, 7, dims)));
        return Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31);
    }

    /// <summary>Lane <paramref name="lane"/>'s squared differences, summed per position of eight (d a multiple of 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SumOfSquares(float* embedding, int* laneIndex, int lane, int dims)
    {
        var a = embedding + laneIndex[lane];
        var b = embedding + laneIndex[Lanes + lane];
        var acc = Vector256<float>.Zero;
        for (var t = 0; t < dims; t += Lanes)
        {
            var delta = Vector256.Load(a + t) - Vector256.Load(b + t);
            acc += delta * delta;
        }
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterAlongDimensions(float* embedding, float* gradient, int* laneIndex, int count, int dims, float* gradRow)
    {
        for (var lane = 0; lane < count; lane++)
        {
            int i = laneIndex[lane], j = laneIndex[Lanes + lane];
            var c = Vector256.Create(gradRow[lane]);
            var t = 0;
            for (; t + Lanes <= dims; t += Lanes)
            {
                var g = c * (Vector256.Load(embedding + i + t) - Vector256.Load(embedding + j + t));
                (Vector256.Load(gradient + i + t) + g).Store(gradient + i + t);
                (Vector256.Load(gradient + j + t) - g).Store(gradient + j + t);
            }
            for (; t < dims; t++)
            {
                var g = gradRow[lane] * (embedding[i + t] - embedding[j + t]);
                gradient[i + t] += g;
                gradient[j + t] -= g;
            }
        }
    }
}
