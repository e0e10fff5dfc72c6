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
    /// sixteen row updates share the reorder window and fewer chunks are in flight at once. For the same
    /// reason the vector pass works on two chunks at a time, their chains interleaved
    /// (<see cref="Forward(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LaneSums StepTwoDims(float* embedding, float* gradient, int* left, int* right, float* labels, int pairs, float w, float bias,
            float invBatch)
    {
        var rows = (double*)embedding;
        var gradientRows = (double*)gradient;
        // Pair k's row gradient (gx, gy) at gradPairs[k]: gradLow holds pairs 0–3 of a chunk in order, gradHigh 4–7.
        var gradPairs = stackalloc double[TwoDimsBlock];
        var weight = Vector256.Create(w);
        var b = Vector256.Create(bias);
        var backward = new TwoDimsBackward(invBatch, w);
        var sums = default(LaneSums);
        for (var blockStart = 0; blockStart < pairs; blockStart += TwoDimsBlock)
        {
            var blockPairs = Math.Min(TwoDimsBlock, pairs - blockStart);
            // Two chunks at a time, then a last single chunk if any; the sums take chunk A's terms before chunk
            // B's, as one chunk at a time would, so the bits do not change. The loss's log terms are multiplied up
            // per lane (at most 64 factors in (1, 2] a block) and logged once a block.
            var logProduct = Vector256<float>.One;
            var chunk = 0;
            for (; chunk + 2 * Lanes <= blockPairs; chunk += 2 * Lanes)
            {
                var start = blockStart + chunk;
                var a = TwoDimsChunk.Load(rows, left + start, right + start, labels + start);
                var c = TwoDimsChunk.Load(rows, left + start + Lanes, right + start + Lanes, labels + start + Lanes);
                var (linearA, onePlusA, errorA, linearC, onePlusC, errorC) =
                    ForwardWithoutLog(VectorMath.MultiplyAdd(weight, a.D2, b), a.Y, VectorMath.MultiplyAdd(weight, c.D2, b), c.Y);
                logProduct *= onePlusA * onePlusC;
                sums = backward.Add(sums, a, linearA, errorA, gradPairs + chunk);
                sums = backward.Add(sums, c, linearC, errorC, gradPairs + chunk + Lanes);
            }
            if (chunk < blockPairs)
            {
                var start = blockStart + chunk;
                var a = TwoDimsChunk.Load(rows, left + start, right + start, labels + start);
                var score = VectorMath.MultiplyAdd(weight, a.D2, b);
                var (linear, onePlus, error, _, _, _) = ForwardWithoutLog(score, a.Y, score, a.Y);
                logProduct *= onePlus;
                sums = backward.Add(sums, a, linear, error, gradPairs + chunk);
            }
            sums = sums with { Loss = sums.Loss + VectorMath.LogAtLeastOne(logProduct) };
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
        return sums;
    }

    /// <summary>Eight pairs at d = 2, in hadd order: their squared distances, labels and the row differences they came from.</summary>
    private readonly record struct TwoDimsChunk(Vector256<float> D2, Vector256<float> Y, Vector256<float> DeltaLow, Vector256<float> DeltaHigh)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TwoDimsChunk Load(double* rows, int* left, int* right, float* labels)
        {
            var deltaLow = LoadRows(rows, left) - LoadRows(rows, right);
            var deltaHigh = LoadRows(rows, left + 4) - LoadRows(rows, right + 4);
            var d2 = Avx.HorizontalAdd(deltaLow * deltaLow, deltaHigh * deltaHigh);
            var y = Avx2.Permute4x64(Vector256.Load(labels).AsDouble(), SwapMiddleQuarters).AsSingle();
            return new TwoDimsChunk(d2, y, deltaLow, deltaHigh);
        }
    }

    /// <summary>The lane sums of a step: loss, squared error and the gradients of the weight and the bias.</summary>
    private readonly record struct LaneSums(Vector256<float> Loss, Vector256<float> SquaredError, Vector256<float> GradWeight,
        Vector256<float> GradBias);

    /// <summary>The backward half of a d = 2 chunk: its terms of the sums, and its pairs' row gradients (gx, gy) written in order.</summary>
    private readonly struct TwoDimsBackward(float invBatch, float w)
    {
        private readonly Vector256<float> _gradScoreScale = Vector256.Create(invBatch);
        private readonly Vector256<float> _twoW = Vector256.Create(2f * w);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public LaneSums Add(LaneSums sums, TwoDimsChunk chunk, Vector256<float> loss, Vector256<float> error, double* gradPairs)
        {
            var gradScore = error * _gradScoreScale;
            var gradRowFactor = gradScore * _twoW;
            (Avx.UnpackLow(gradRowFactor, gradRowFactor) * chunk.DeltaLow).AsDouble().Store(gradPairs);
            (Avx.UnpackHigh(gradRowFactor, gradRowFactor) * chunk.DeltaHigh).AsDouble().Store(gradPairs + 4);
            return new LaneSums(sums.Loss + loss, VectorMath.MultiplyAdd(error, error, sums.SquaredError),
                VectorMath.MultiplyAdd(gradScore, chunk.D2, sums.GradWeight), sums.GradBias + gradScore);
        }
    }

    /// <summary>
    /// Scores and lane sums for the first <paramref name="pairs"/> pairs (a multiple of eight) at d = 2, folded
    /// into doubles every 512 pairs as in <see cref="Evaluate"/>; two chunks at a time as in <see cref="StepTwoDims"/>.
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
        var logProduct = Vector256<float>.One;
        var start = 0;
        for (; start + 2 * Lanes <= pairs; start += 2 * Lanes)
        {
            var a = TwoDimsChunk.Load(rows, left + start, right + start, labels + start);
            var c = TwoDimsChunk.Load(rows, left + start + Lanes, right + start + Lanes, labels + start + Lanes);
            var scoreA = VectorMath.MultiplyAdd(weight, a.D2, b);
            var scoreC = VectorMath.MultiplyAdd(weight, c.D2, b);
            var (linearA, onePlusA, errorA, linearC, onePlusC, errorC) = ForwardWithoutLog(scoreA, a.Y, scoreC, c.Y);
            lossChunk = lossChunk + linearA + linearC;
            logProduct *= onePlusA * onePlusC;
            squaredErrorChunk = VectorMath.MultiplyAdd(errorC, errorC, VectorMath.MultiplyAdd(errorA, errorA, squaredErrorChunk));
            StoreScores(scoreA, scores + start);
            StoreScores(scoreC, scores + start + Lanes);
            // 512 is a multiple of 16: a fold always falls after a pair of chunks, and the log terms are logged there
            // (64 factors in (1, 2] a lane, as in the step).
            if ((start & 511) == 512 - 2 * Lanes)
            {
                lossSum += Vector256.Sum(lossChunk + VectorMath.LogAtLeastOne(logProduct));
                squaredErrorSum += Vector256.Sum(squaredErrorChunk);
                lossChunk = squaredErrorChunk = Vector256<float>.Zero;
                logProduct = Vector256<float>.One;
            }
        }
        if (start < pairs)
        {
            var a = TwoDimsChunk.Load(rows, left + start, right + start, labels + start);
            var score = VectorMath.MultiplyAdd(weight, a.D2, b);
            var (linear, onePlus, error, _, _, _) = ForwardWithoutLog(score, a.Y, score, a.Y);
            lossChunk += linear;
            logProduct *= onePlus;
            squaredErrorChunk = VectorMath.MultiplyAdd(error, error, squaredErrorChunk);
            StoreScores(score, scores + start);
        }
        return (lossSum + Vector256.Sum(lossChunk + VectorMath.LogAtLeastOne(logProduct)), squaredErrorSum + Vector256.Sum(squaredErrorChunk));
    }

    /// <summary>Stores a chunk's lanes, in hadd order, back in pair order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScores(Vector256<float> score, float* scores) =>
        Avx2.Permute4x64(score.AsDouble(), SwapMiddleQuarters).AsSingle().Store(scores);

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
