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
    /// the eight horizontal sums at once through a tree of horizontal adds (<see cref="LaneTotals"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquaredDistancesWholeVectors(float* embedding, int* laneIndex, int dims) =>
        LaneTotals(
            SumOfSquares(embedding + laneIndex[0], embedding + laneIndex[Lanes], dims),
            SumOfSquares(embedding + laneIndex[1], embedding + laneIndex[Lanes + 1], dims),
            SumOfSquares(embedding + laneIndex[2], embedding + laneIndex[Lanes + 2], dims),
            SumOfSquares(embedding + laneIndex[3], embedding + laneIndex[Lanes + 3], dims),
            SumOfSquares(embedding + laneIndex[4], embedding + laneIndex[Lanes + 4], dims),
            SumOfSquares(embedding + laneIndex[5], embedding + laneIndex[Lanes + 5], dims),
            SumOfSquares(embedding + laneIndex[6], embedding + laneIndex[Lanes + 6], dims),
            SumOfSquares(embedding + laneIndex[7], embedding + laneIndex[Lanes + 7], dims));

    /// <summary>
    /// <see cref="SquaredDistancesWholeVectors"/> for a whole chunk of eight pairs, the rows found from the pairs' items
    /// (<paramref name="left"/>[0..8), <paramref name="right"/>[0..8)) rather than from the lane offsets just stored
    /// in a vector: a scalar load from part of a 32-byte store that has not yet reached the cache may wait for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquaredDistancesOfItems(float* embedding, int* left, int* right, int dims) =>
        LaneTotals(
            SumOfSquares(embedding + (nint)left[0] * dims, embedding + (nint)right[0] * dims, dims),
            SumOfSquares(embedding + (nint)left[1] * dims, embedding + (nint)right[1] * dims, dims),
            SumOfSquares(embedding + (nint)left[2] * dims, embedding + (nint)right[2] * dims, dims),
            SumOfSquares(embedding + (nint)left[3] * dims, embedding + (nint)right[3] * dims, dims),
            SumOfSquares(embedding + (nint)left[4] * dims, embedding + (nint)right[4] * dims, dims),
            SumOfSquares(embedding + (nint)left[5] * dims, embedding + (nint)right[5] * dims, dims),
            SumOfSquares(embedding + (nint)left[6] * dims, embedding + (nint)right[6] * dims, dims),
            SumOfSquares(embedding + (nint)left[7] * dims, embedding + (nint)right[7] * dims, dims));

    /// <summary>
    /// The horizontal sums of eight lanes' vectors, lane by lane. It adds in the order <c>Vector256.Sum</c> does (each
    /// half's ((x0 + x1) + (x2 + x3)), then lower half + upper half), so the bits are the same, for about a fifth of
    /// the instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LaneTotals(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3,
        Vector256<float> s4, Vector256<float> s5, Vector256<float> s6, Vector256<float> s7)
    {
        var low = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        var high = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
        return Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31);
    }

    /// <summary>
    /// Squared differences of rows <paramref name="a"/> and <paramref name="b"/>, summed per position of eight (d a
    /// multiple of 8). The first two vectors are written out: where the width is a constant (the interleaved rows' copies
    /// per width, <see cref="IRowWidth"/>) the loop then folds away, which the compiler does not do for the loop itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SumOfSquares(float* a, float* b, int dims)
    {
        var acc = Vector256<float>.Zero;
        var delta = Vector256.Load(a) - Vector256.Load(b);
        acc += delta * delta;
        if (dims > Lanes)
        {
            delta = Vector256.Load(a + Lanes) - Vector256.Load(b + Lanes);
            acc += delta * delta;
        }
        for (var t = 2 * Lanes; t < dims; t += Lanes)
        {
            delta = Vector256.Load(a + t) - Vector256.Load(b + t);
            acc += delta * delta;
        }
        return acc;
    }

    /// <summary>One vector of a pair's row gradients: c·(e_i − e_j) added at row i's gradient and taken off at row j's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterVector(float* i, float* j, float* gi, float* gj, Vector256<float> c, int t)
    {
        var g = c * (Vector256.Load(i + t) - Vector256.Load(j + t));
        (Vector256.Load(gi + t) + g).Store(gi + t);
        (Vector256.Load(gj + t) - g).Store(gj + t);
    }

    /// <summary>
    /// <see cref="ScatterAlongDimensions"/> for a whole chunk at d a multiple of 8 on AVX2, the rows found from the pairs'
    /// items and each lane's factor broadcast from <paramref name="factors"/> in a register, not read back from memory
    /// (see <see cref="SquaredDistancesOfItems"/>). The same operations, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterItems(float* embedding, float* gradient, int* left, int* right, int dims, Vector256<float> factors)
    {
        for (var lane = 0; lane < Lanes; lane++)
        {
            nint i = (nint)left[lane] * dims, j = (nint)right[lane] * dims;
            var c = Avx2.PermuteVar8x32(factors, Vector256.Create(lane));
            for (var t = 0; t < dims; t += Lanes)
            {
                ScatterVector(embedding + i, embedding + j, gradient + i, gradient + j, c, t);
            }
        }
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
                ScatterVector(embedding + i, embedding + j, gradient + i, gradient + j, c, t);
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
