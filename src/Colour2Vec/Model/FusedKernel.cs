using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>
/// The fast kernel: the maths of <see cref="ScalarKernel"/>, eight pairs at a time in Vector256 lanes.
/// For d &lt; 8 each dimension's coordinates of the eight pairs are gathered into one vector, so distance,
/// score, p, loss (sharing one <c>e^−|score|</c>), gradScore and the row-gradient factors are all lane-wise;
/// only the final scatter into the gradient rows is per pair. For d ≥ 8 the distance and scatter run along
/// the dimensions instead. d = 2 on AVX2 has its own path (FusedKernel.TwoDims.cs: 8-byte rows, no gathers).
/// Dense Adam sweeps every parameter eight at a time and clears the gradient as it goes; sparse Adam does the
/// same along each named row. No allocation per step.
/// </summary>
[SkipLocalsInit]
public sealed unsafe partial class FusedKernel : IGradientKernel
{
    private const int Lanes = 8;

    /// <summary>Below this many dimensions the kernel vectorises across pairs, at or above it across dimensions.</summary>
    private const int AcrossDimensions = 8;

    public static FusedKernel Instance { get; } = new();

    public string Name => "fused";

    public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels) =>
        Step(model, adam, settings, learningRate, left, right, labels, Optimizer.Dense);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels, Optimizer optimizer)
    {
        if (optimizer == Optimizer.Sparse)
        {
            return SparseBatch.Step(this, model, adam, settings, learningRate, left, right, labels);
        }
        var totals = Accumulate(model, left, right, labels, 1f / left.Length, adam.GradientEmbedding,
            out var gradWeightParameter, out var gradBias);
        adam.Step++;
        var stepSize = settings.StepSize(learningRate, adam.Step);
        DenseAdamSweep(model.Embedding, adam.GradientEmbedding, adam.MomentEmbedding, adam.VelocityEmbedding, settings, stepSize);
        ScalarKernel.UpdateWeightAndBias(model, adam, settings, stepSize, gradWeightParameter, gradBias);
        return totals;
    }

    /// <summary>
    /// <see cref="Step(EmbeddingModel, AdamState, AdamSettings, float, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{float}, Optimizer)"/>,
    /// dense, on <paramref name="table"/>'s aligned copy of the values, the gradient and the moments instead of the
    /// model's and Adam's arrays (the weight, the bias and the step count stay theirs): the same operations, the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static BatchTotals DenseStep(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels, AlignedDenseTable table)
    {
        var totals = AccumulateAt(model, table.Values, table.Gradient, left, right, labels, 1f / left.Length,
            out var gradWeightParameter, out var gradBias);
        adam.Step++;
        var stepSize = settings.StepSize(learningRate, adam.Step);
        var length = table.Length;
        DenseAdamSweep(new Span<float>(table.Values, length), new Span<float>(table.Gradient, length), new Span<float>(table.Moment, length),
            new Span<float>(table.Velocity, length), settings, stepSize);
        ScalarKernel.UpdateWeightAndBias(model, adam, settings, stepSize, gradWeightParameter, gradBias);
        return totals;
    }

    /// <summary>Forward and backward over the pairs: the gradient of the mean loss (one over <paramref name="invBatch"/> pairs) added into <paramref name="gradientTable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BatchTotals Accumulate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        float invBatch, float[] gradientTable, out float gradWeightParameter, out float gradBias)
    {
        if (gradientTable.Length < model.Embedding.Length)
        {
            throw new ArgumentException("the gradient table is smaller than the model's", nameof(gradientTable));
        }
        fixed (float* embedding = model.Embedding)
        fixed (float* gradient = gradientTable)
        {
            return AccumulateAt(model, embedding, gradient, left, right, labels, invBatch, out gradWeightParameter, out gradBias);
        }
    }

    /// <summary>
    /// <see cref="Accumulate(EmbeddingModel, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{float}, float, float[], out float, out float)"/>
    /// on a table of the model's size at <paramref name="embedding"/> and its gradient at <paramref name="gradient"/>.
    /// </summary>
    /// <remarks>
    /// The d = 2 path and the general loop are methods of their own, and the general loop runs only for what the
    /// d = 2 path leaves (a last partial chunk): every method here is compiled fully optimised at first call, and
    /// compiling code a run never uses cost the seed run's start several milliseconds.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BatchTotals AccumulateAt(EmbeddingModel model, float* embedding, float* gradient, ReadOnlySpan<int> left, ReadOnlySpan<int> right,
        ReadOnlySpan<float> labels, float invBatch, out float gradWeightParameter, out float gradBias)
    {
        var sums = default(LaneSums);
        fixed (int* leftItems = left)
        fixed (int* rightItems = right)
        fixed (float* labelValues = labels)
        {
            var start = 0;
            if (model.Dims == 2 && Avx2.IsSupported)
            {
                // The workload's case: whole chunks of eight on the 8-byte-row path, any last partial chunk below.
                start = left.Length & ~(Lanes - 1);
                sums = StepTwoDims(embedding, gradient, leftItems, rightItems, labelValues, start, model.Weight, model.Bias, invBatch);
            }
            if (start < left.Length)
            {
                sums = AccumulateChunks(model, embedding, gradient, leftItems, rightItems, labelValues, start, left.Length, invBatch, sums);
            }
        }
        gradWeightParameter = Vector256.Sum(sums.GradWeight) * EmbeddingModel.WeightDerivative(model.WeightForm, model.WeightParameter);
        gradBias = Vector256.Sum(sums.GradBias);
        return new BatchTotals(Vector256.Sum(sums.Loss), Vector256.Sum(sums.SquaredError));
    }

    /// <summary>The general forward and backward, eight pairs at a time, for pairs [<paramref name="start"/>, <paramref name="end"/>), added to <paramref name="sums"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LaneSums AccumulateChunks(EmbeddingModel model, float* embedding, float* gradient, int* leftItems, int* rightItems,
        float* labelValues, int start, int end, float invBatch, LaneSums sums)
    {
        var dims = model.Dims;
        var w = model.Weight;
        var b = Vector256.Create(model.Bias);
        var deltas = stackalloc Vector256<float>[AcrossDimensions];
        var laneIndex = stackalloc int[2 * Lanes];
        var padded = stackalloc float[Lanes];
        var gradRow = stackalloc float[Lanes];
        // A compact table (a sparse step's gathered rows) sits in L1 and L2 already.
        var prefetch = dims >= AcrossDimensions && Sse.IsSupported && (long)model.Embedding.Length * sizeof(float) > CompactTableBytes;
        // The loss's log terms, multiplied up per lane and logged every MaxLogFactors chunks (see ForwardWithoutLog).
        var logProduct = Vector256<float>.One;
        var factors = 0;
        // Whole chunks at d a multiple of 8 find their rows from the pairs' items (see SquaredDistancesOfItems).
        var wholeVectors = dims % Lanes == 0 && Avx2.IsSupported;
        for (; start < end; start += Lanes)
        {
            var count = Math.Min(Lanes, end - start);
            if (prefetch)
            {
                PrefetchRows(embedding, gradient, leftItems, rightItems, start + PrefetchDistance, end, dims);
            }
            var mask = LoadLanes(leftItems + start, rightItems + start, labelValues + start, count, dims, laneIndex, padded, out var y);
            var items = wholeVectors && count == Lanes;
            var d2 = dims < AcrossDimensions ? GatherDeltas(embedding, Vector256.Load(laneIndex), Vector256.Load(laneIndex + Lanes), dims, deltas)
                : items ? SquaredDistancesOfItems(embedding, leftItems + start, rightItems + start, dims)
                : SquaredDistancesAlongDimensions(embedding, laneIndex, dims);
            (sums, logProduct, factors, var gradRowFactor) = AddChunk(sums, logProduct, factors, d2, y, mask, w, b, invBatch);
            if (dims < AcrossDimensions)
            {
                ScatterAcrossPairs(gradient, laneIndex, count, dims, gradRowFactor, deltas, gradRow);
            }
            else if (items)
            {
                ScatterItems(embedding, gradient, leftItems + start, rightItems + start, dims, gradRowFactor);
            }
            else
            {
                gradRowFactor.Store(gradRow);
                ScatterAlongDimensions(embedding, gradient, laneIndex, count, dims, gradRow);
            }
        }
        return factors > 0 ? sums with { Loss = sums.Loss + VectorMath.LogAtLeastOne(logProduct) } : sums;
    }

    /// <summary>
    /// A chunk's forward and backward from its squared distances <paramref name="d2"/>, labels <paramref name="y"/> and
    /// lanes in use <paramref name="mask"/>: its terms added to the sums (its log terms to the product, logged every
    /// <see cref="MaxLogFactors"/> chunks), and the factor each lane's row gradient takes, 2w·(p − y) / batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (LaneSums Sums, Vector256<float> LogProduct, int Factors, Vector256<float> GradRowFactor) AddChunk(LaneSums sums,
        Vector256<float> logProduct, int factors, Vector256<float> d2, Vector256<float> y, Vector256<float> mask, float w,
        Vector256<float> b, float invBatch)
    {
        var (lossSum, squaredErrorSum, gradWeight, gradBiasLanes) = sums;
        var score = w * d2 + b;
        var (linear, onePlus, error, _, _, _) = ForwardWithoutLog(score, y, score, y);
        error &= mask;
        lossSum += linear & mask;
        logProduct *= Vector256.ConditionalSelect(mask, onePlus, Vector256<float>.One);
        if (++factors == MaxLogFactors)
        {
            lossSum += VectorMath.LogAtLeastOne(logProduct);
            (logProduct, factors) = (Vector256<float>.One, 0);
        }
        squaredErrorSum += error * error;
        var gradScore = error * invBatch;
        gradWeight += gradScore * d2;
        gradBiasLanes += gradScore;
        return (new LaneSums(lossSum, squaredErrorSum, gradWeight, gradBiasLanes), logProduct, factors, gradScore * (2f * w));
    }

    /// <summary>Factors in (1, 2] a lane multiplies up before its log is taken: 2⁶⁴ at most, far inside a float.</summary>
    private const int MaxLogFactors = 64;

    /// <summary>Scores and loss of the pairs; the d = 2 path and the general loop are apart as in <see cref="Accumulate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        Span<float> scores)
    {
        double lossSum = 0, squaredErrorSum = 0;
        fixed (float* embedding = model.Embedding)
        fixed (int* leftItems = left)
        fixed (int* rightItems = right)
        fixed (float* labelValues = labels)
        fixed (float* scoreValues = scores)
        {
            var start = 0;
            if (model.Dims == 2 && Avx2.IsSupported)
            {
                // Whole chunks of eight on the 8-byte-row path (folded by 512 pairs as below), any partial chunk below.
                start = left.Length & ~(Lanes - 1);
                (lossSum, squaredErrorSum) = EvaluateTwoDims(embedding, leftItems, rightItems, labelValues, scoreValues, start,
                    model.Weight, model.Bias);
            }
            if (start < left.Length)
            {
                var (loss, squaredError) = EvaluateChunks(model, embedding, leftItems, rightItems, labelValues, scoreValues, start, left.Length);
                lossSum += loss;
                squaredErrorSum += squaredError;
            }
        }
        return new BatchTotals(lossSum, squaredErrorSum);
    }

    /// <summary>The general evaluation, eight pairs at a time, of pairs [<paramref name="start"/>, <paramref name="end"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Loss, double SquaredError) EvaluateChunks(EmbeddingModel model, float* embedding, int* leftItems, int* rightItems,
        float* labelValues, float* scoreValues, int start, int end)
    {
        var dims = model.Dims;
        var w = Vector256.Create(model.Weight);
        var b = Vector256.Create(model.Bias);
        var deltas = stackalloc Vector256<float>[AcrossDimensions];
        var laneIndex = stackalloc int[2 * Lanes];
        var padded = stackalloc float[Lanes];
        var scoreLanes = stackalloc float[Lanes];
        double lossSum = 0, squaredErrorSum = 0;
        var lossChunk = Vector256<float>.Zero;
        var squaredErrorChunk = Vector256<float>.Zero;
        for (; start < end; start += Lanes)
        {
            var count = Math.Min(Lanes, end - start);
            var mask = LoadLanes(leftItems + start, rightItems + start, labelValues + start, count, dims, laneIndex, padded, out var y);
            var d2 = dims < AcrossDimensions
                ? GatherDeltas(embedding, Vector256.Load(laneIndex), Vector256.Load(laneIndex + Lanes), dims, deltas)
                : SquaredDistancesAlongDimensions(embedding, laneIndex, dims);
            var score = w * d2 + b;
            var (loss, error) = Forward(score, y);
            lossChunk += loss & mask;
            error &= mask;
            squaredErrorChunk += error * error;
            if (count == Lanes)
            {
                score.Store(scoreValues + start);
            }
            else
            {
                score.Store(scoreLanes);
                new ReadOnlySpan<float>(scoreLanes, count).CopyTo(new Span<float>(scoreValues + start, count));
            }
            // Float lanes lose precision over many pairs: fold into doubles every 512 pairs.
            if ((start & 511) == 512 - Lanes || start + Lanes >= end)
            {
                lossSum += Vector256.Sum(lossChunk);
                squaredErrorSum += Vector256.Sum(squaredErrorChunk);
                lossChunk = squaredErrorChunk = Vector256<float>.Zero;
            }
        }
        return (lossSum, squaredErrorSum);
    }

    /// <summary>Tables up to this size are not prefetched: they fit in L2 (a sparse step's compact table is 64 KB at d = 16).</summary>
    private const long CompactTableBytes = 256 * 1024;

    /// <summary>Pairs ahead whose rows are fetched into the cache while the current eight are computed.</summary>
    private const int PrefetchDistance = 2 * Lanes;

    /// <summary>
    /// Asks for the embedding and gradient rows of the eight pairs from <paramref name="from"/>. A large table
    /// lives in L3 or memory and the rows are random, so without this each pair waits for four cache misses in
    /// turn; with it the misses of sixteen pairs overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRows(float* embedding, float* gradient, int* leftItems, int* rightItems, int from, int length, int dims)
    {
        var end = Math.Min(from + Lanes, length);
        for (var k = from; k < end; k++)
        {
            nint i = leftItems[k] * dims, j = rightItems[k] * dims;
            Sse.Prefetch0(embedding + i);
            Sse.Prefetch0(embedding + j);
            Sse.Prefetch0(gradient + i);
            Sse.Prefetch0(gradient + j);
            Sse.Prefetch0(embedding + i + dims - 1);
            Sse.Prefetch0(embedding + j + dims - 1);
            Sse.Prefetch0(gradient + i + dims - 1);
            Sse.Prefetch0(gradient + j + dims - 1);
        }
    }

    /// <summary>Per-lane loss and error p − y for logits <paramref name="score"/>, sharing one exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> Loss, Vector256<float> Error) Forward(Vector256<float> score, Vector256<float> y)
    {
        var (loss, error, _, _) = Forward(score, y, score, y);
        return (loss, error);
    }

    /// <summary>
    /// <see cref="Forward(Vector256{float}, Vector256{float})"/> of two chunks, their operations interleaved so that
    /// the core works on both dependency chains at once (see <see cref="VectorMath.ExpNonPositive(Vector256{float}, Vector256{float})"/>);
    /// each chunk's results are bit for bit those of the one-chunk form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> LossA, Vector256<float> ErrorA, Vector256<float> LossB, Vector256<float> ErrorB) Forward(
        Vector256<float> scoreA, Vector256<float> yA, Vector256<float> scoreB, Vector256<float> yB)
    {
        var one = Vector256<float>.One;
        var (expNegAbsA, expNegAbsB) = VectorMath.ExpNonPositive(-Vector256.Abs(scoreA), -Vector256.Abs(scoreB));
        var inverseA = one / (one + expNegAbsA);
        var inverseB = one / (one + expNegAbsB);
        var pA = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scoreA, Vector256<float>.Zero), inverseA, expNegAbsA * inverseA);
        var pB = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scoreB, Vector256<float>.Zero), inverseB, expNegAbsB * inverseB);
        var (logA, logB) = VectorMath.Log1pUnit(expNegAbsA, expNegAbsB);
        // MaxNative: a finite score needs no NaN or signed-zero care, and it is one instruction instead of four.
        var lossA = Vector256.MaxNative(scoreA, Vector256<float>.Zero) - scoreA * yA + logA;
        var lossB = Vector256.MaxNative(scoreB, Vector256<float>.Zero) - scoreB * yB + logB;
        return (lossA, pA - yA, lossB, pB - yB);
    }

    /// <summary>
    /// <see cref="Forward(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/> without the log: each
    /// chunk's loss is its linear part max(s, 0) − s·y plus log(1 + e^−|s|), and this returns the linear part and
    /// 1 + e^−|s| (in (1, 2], the sigmoid's denominator already), for the caller to multiply up and take one log per
    /// lane for many chunks (<see cref="VectorMath.LogAtLeastOne"/>) instead of one per chunk. The errors are those of
    /// the full form bit for bit; only the loss, a reported figure, rounds differently.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> LinearA, Vector256<float> OnePlusExpA, Vector256<float> ErrorA,
        Vector256<float> LinearB, Vector256<float> OnePlusExpB, Vector256<float> ErrorB) ForwardWithoutLog(
        Vector256<float> scoreA, Vector256<float> yA, Vector256<float> scoreB, Vector256<float> yB)
    {
        var one = Vector256<float>.One;
        var (expNegAbsA, expNegAbsB) = VectorMath.ExpNonPositive(-Vector256.Abs(scoreA), -Vector256.Abs(scoreB));
        var onePlusA = one + expNegAbsA;
        var onePlusB = one + expNegAbsB;
        var inverseA = one / onePlusA;
        var inverseB = one / onePlusB;
        var pA = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scoreA, Vector256<float>.Zero), inverseA, expNegAbsA * inverseA);
        var pB = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scoreB, Vector256<float>.Zero), inverseB, expNegAbsB * inverseB);
        var linearA = Vector256.MaxNative(scoreA, Vector256<float>.Zero) - scoreA * yA;
        var linearB = Vector256.MaxNative(scoreB, Vector256<float>.Zero) - scoreB * yB;
        return (linearA, onePlusA, pA - yA, linearB, onePlusB, pB - yB);
    }

    /// <summary>
    /// Writes the lanes' row offsets (item · dims) to <paramref name="laneIndex"/> (left then right), loads the
    /// labels, and returns the mask of lanes in use; unused lanes point at row 0 with label 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LoadLanes(int* left, int* right, float* labels, int count, int dims, int* laneIndex,
        float* padded, out Vector256<float> y)
    {
        if (count == Lanes)
        {
            (Vector256.Load(left) * dims).Store(laneIndex);
            (Vector256.Load(right) * dims).Store(laneIndex + Lanes);
            y = Vector256.Load(labels);
            return Vector256<float>.AllBitsSet;
        }
        for (var lane = 0; lane < Lanes; lane++)
        {
            var used = lane < count;
            laneIndex[lane] = used ? left[lane] * dims : 0;
            laneIndex[Lanes + lane] = used ? right[lane] * dims : 0;
            padded[lane] = used ? labels[lane] : 0f;
        }
        y = Vector256.Load(padded);
        return Vector256.LessThan(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)count));
    }

    /// <summary>For d &lt; 8: deltas[t] = e_i[t] − e_j[t] for all lanes; returns the squared distances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> GatherDeltas(float* embedding, Vector256<int> i, Vector256<int> j, int dims, Vector256<float>* deltas)
    {
        var d2 = Vector256<float>.Zero;
        for (var t = 0; t < dims; t++)
        {
            var delta = Gather(embedding + t, i) - Gather(embedding + t, j);
            deltas[t] = delta;
            d2 += delta * delta;
        }
        return d2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Gather(float* source, Vector256<int> index)
    {
        if (Avx2.IsSupported)
        {
            return Avx2.GatherVector256(source, index, 4);
        }
        return Vector256.Create(source[index[0]], source[index[1]], source[index[2]], source[index[3]],
            source[index[4]], source[index[5]], source[index[6]], source[index[7]]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterAcrossPairs(float* gradient, int* laneIndex, int count, int dims, Vector256<float> gradRowFactor,
        Vector256<float>* deltas, float* gradRow)
    {
        for (var t = 0; t < dims; t++)
        {
            (gradRowFactor * deltas[t]).Store(gradRow);
            for (var lane = 0; lane < count; lane++)
            {
                var g = gradRow[lane];
                gradient[laneIndex[lane] + t] += g;
                gradient[laneIndex[Lanes + lane] + t] -= g;
            }
        }
    }
}
