using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>
/// The d = 2 path (the workload's case), for whole chunks of eight pairs on AVX2. A row (x, y) is 8 bytes, so
/// each item is one 64-bit element of the table seen as <c>double*</c>: rows are loaded and gradients added
/// 8 bytes at a time, and no row offset (item · dims) is ever multiplied out. Per chunk of pairs 0–7:
/// <code>
/// deltaLow  = e_i − e_j for pairs 0–3 = [Δx0 Δy0 Δx1 Δy1 | Δx2 Δy2 Δx3 Δy3]   (deltaHigh: pairs 4–7)
/// d2        = HorizontalAdd(deltaLow², deltaHigh²) = lanes for pairs [0 1 4 5 | 2 3 6 7]   ("hadd order")
/// score = w·d2 + b,  p = σ(score),  gradScore = (p − y) / B,  gradRowFactor = 2·w·gradScore   (all in hadd order)
/// gradLow   = UnpackLow(gradRowFactor, gradRowFactor) · deltaLow = [f0 f0 f1 f1 | f2 f2 f3 f3] · deltaLow
/// gradHigh  = UnpackHigh(gradRowFactor, gradRowFactor) · deltaHigh
/// </code>
/// so the per-pair lanes never have to be put back in order: only the labels are permuted into hadd order
/// (and, in Evaluate, the scores back out of it), and gradLow/gradHigh seen as four doubles each are the pairs'
/// (gx, gy) in natural order. The row gradients are then added pair by pair, e_i's row then e_j's, in the same
/// order as <see cref="ScalarKernel"/>.
/// </summary>
public sealed unsafe partial class FusedKernel
{
    /// <summary>Permute4x64 control that swaps the middle two 64-bit quarters: natural ↔ hadd order (its own inverse).</summary>
    private const byte SwapMiddleQuarters = 0b11_01_10_00;

    /// <summary>Pairs per block of <see cref="StepTwoDims"/>: its row-gradient buffer is 4 KB of stack.</summary>
    private const int TwoDimsBlock = 512;

    /// <summary>
    /// Forward and backward for the first <paramref name="pairs"/> pairs (a multiple of eight) at d = 2, adding
    /// the row gradients into <paramref name="gradient"/>; returns the lane sums the caller carries on with.
    /// Each block of pairs runs in two passes: the vector pass writes every pair's (gx, gy) to a buffer, then
    /// the scatter pass adds them to the rows. Kept apart, each loop is short and its iterations independent,
    /// so the core overlaps many of them; interleaved, the long exp/log dependency chain of one chunk and the
    /// sixteen row updates share the reorder window and fewer chunks are in flight at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Vector256<float> Loss, Vector256<float> SquaredError, Vector256<float> GradWeight, Vector256<float> GradBias)
        StepTwoDims(float* embedding, float* gradient, int* left, int* right, float* labels, int pairs, float w, float bias,
            float invBatch)
    {
        var rows = (double*)embedding;
        var gradientRows = (double*)gradient;
        // Pair k's row gradient (gx, gy) at gradPairs[k]: gradLow holds pairs 0–3 of a chunk in order, gradHigh 4–7.
        var gradPairs = stackalloc double[TwoDimsBlock];
        var weight = Vector256.Create(w);
        var b = Vector256.Create(bias);
        var gradScoreScale = Vector256.Create(invBatch);
        var twoW = Vector256.Create(2f * w);
        var lossSum = Vector256<float>.Zero;
        var squaredErrorSum = Vector256<float>.Zero;
        var gradWeight = Vector256<float>.Zero;
        var gradBias = Vector256<float>.Zero;
        for (var blockStart = 0; blockStart < pairs; blockStart += TwoDimsBlock)
        {
            var blockPairs = Math.Min(TwoDimsBlock, pairs - blockStart);
            for (var chunk = 0; chunk < blockPairs; chunk += Lanes)
            {
                var start = blockStart + chunk;
                var deltaLow = LoadRows(rows, left + start) - LoadRows(rows, right + start);
                var deltaHigh = LoadRows(rows, left + start + 4) - LoadRows(rows, right + start + 4);
                var d2 = Avx.HorizontalAdd(deltaLow * deltaLow, deltaHigh * deltaHigh);
                var y = Avx2.Permute4x64(Vector256.Load(labels + start).AsDouble(), SwapMiddleQuarters).AsSingle();
                var (loss, error) = Forward(VectorMath.MultiplyAdd(weight, d2, b), y);
                lossSum += loss;
                squaredErrorSum = VectorMath.MultiplyAdd(error, error, squaredErrorSum);
                var gradScore = error * gradScoreScale;
                gradWeight = VectorMath.MultiplyAdd(gradScore, d2, gradWeight);
                gradBias += gradScore;
                var gradRowFactor = gradScore * twoW;
                (Avx.UnpackLow(gradRowFactor, gradRowFactor) * deltaLow).AsDouble().Store(gradPairs + chunk);
                (Avx.UnpackHigh(gradRowFactor, gradRowFactor) * deltaHigh).AsDouble().Store(gradPairs + chunk + 4);
            }
            // Pair by pair, e_i's row then e_j's, as ScalarKernel adds them; each row is 8 bytes, loaded, added to
            // and stored as one. Pointers walk the block (no index arithmetic per pair), and e_j's row subtracts
            // instead of adding a negated copy.
            var blockLeft = left + blockStart;
            var blockRight = right + blockStart;
            for (nint k = 0; k < blockPairs; k++)
            {
                var gradRow = Vector128.CreateScalar(gradPairs[k]).AsSingle();
                var leftRow = gradientRows + blockLeft[k];
                *leftRow = (Vector128.CreateScalar(*leftRow).AsSingle() + gradRow).AsDouble().ToScalar();
                var rightRow = gradientRows + blockRight[k];
                *rightRow = (Vector128.CreateScalar(*rightRow).AsSingle() - gradRow).AsDouble().ToScalar();
            }
        }
        return (lossSum, squaredErrorSum, gradWeight, gradBias);
    }

    /// <summary>
    /// Scores and lane sums for the first <paramref name="pairs"/> pairs (a multiple of eight) at d = 2, folded
    /// into doubles every 512 pairs as in <see cref="Evaluate"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Loss, double SquaredError) EvaluateTwoDims(float* embedding, int* left, int* right, float* labels,
        float* scores, int pairs, float w, float bias)
    {
        var rows = (double*)embedding;
        var weight = Vector256.Create(w);
        var b = Vector256.Create(bias);
        double lossSum = 0, squaredErrorSum = 0;
        var lossChunk = Vector256<float>.Zero;
        var squaredErrorChunk = Vector256<float>.Zero;
        for (var start = 0; start < pairs; start += Lanes)
        {
            var deltaLow = LoadRows(rows, left + start) - LoadRows(rows, right + start);
            var deltaHigh = LoadRows(rows, left + start + 4) - LoadRows(rows, right + start + 4);
            var d2 = Avx.HorizontalAdd(deltaLow * deltaLow, deltaHigh * deltaHigh);
            var y = Avx2.Permute4x64(Vector256.Load(labels + start).AsDouble(), SwapMiddleQuarters).AsSingle();
            var score = VectorMath.MultiplyAdd(weight, d2, b);
            var (loss, error) = Forward(score, y);
            lossChunk += loss;
            squaredErrorChunk = VectorMath.MultiplyAdd(error, error, squaredErrorChunk);
            Avx2.Permute4x64(score.AsDouble(), SwapMiddleQuarters).AsSingle().Store(scores + start);
            if ((start & 511) == 512 - Lanes)
            {
                lossSum += Vector256.Sum(lossChunk);
                squaredErrorSum += Vector256.Sum(squaredErrorChunk);
                lossChunk = squaredErrorChunk = Vector256<float>.Zero;
            }
        }
        return (lossSum + Vector256.Sum(lossChunk), squaredErrorSum + Vector256.Sum(squaredErrorChunk));
    }

    /// <summary>
    /// The rows of items[0..4) as [x0 y0 x1 y1 | x2 y2 x3 y3]: four 8-byte loads. (A 64-bit AVX2 gather does the
    /// same in one instruction but measured ~1.5× slower on Zen 3.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LoadRows(double* rows, int* items)
    {
        var low = Sse2.LoadHigh(Vector128.CreateScalar(rows[items[0]]), rows + items[1]);
        var high = Sse2.LoadHigh(Vector128.CreateScalar(rows[items[2]]), rows + items[3]);
        return Vector256.Create(low, high).AsSingle();
    }
}
