using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>The sparse step's gradient read straight from <see cref="InterleavedRows"/>.</summary>
public sealed unsafe partial class FusedKernel
{
    /// <summary>Pairs ahead whose rows' values are asked for while the current eight are computed.</summary>
    private const int InterleavedPrefetchPairs = 16;

    /// <summary>
    /// The forward and backward of <see cref="AccumulateChunks"/> at d a multiple of 8, reading each pair's rows from the
    /// interleaved table by item instead of from a gathered compact copy, and adding the row gradients at the pairs'
    /// slots of <paramref name="gradientTable"/>. The same values and the same operations, so the same bits as gathering
    /// the slots and accumulating on the compact table. The rows' values are asked for sixteen pairs ahead, so their
    /// cache misses overlap the arithmetic instead of coming in a pass of their own; m and v are left to Adam's own
    /// requests (asking for all three lines here made the epochs about 7 % longer). The common widths run a copy
    /// compiled for their width (<see cref="IRowWidth"/>).
    /// </summary>
    internal static BatchTotals AccumulateInterleaved(EmbeddingModel model, InterleavedRows table, ReadOnlySpan<int> leftItems,
        ReadOnlySpan<int> rightItems, ReadOnlySpan<int> leftSlots, ReadOnlySpan<int> rightSlots, ReadOnlySpan<float> labels,
        float invBatch, float[] gradientTable, out float gradWeightParameter, out float gradBias) => table.Dims switch
        {
            8 => AccumulateInterleaved<Width8>(model, table, leftItems, rightItems, leftSlots, rightSlots, labels, invBatch, gradientTable,
                out gradWeightParameter, out gradBias),
            16 => AccumulateInterleaved<Width16>(model, table, leftItems, rightItems, leftSlots, rightSlots, labels, invBatch, gradientTable,
                out gradWeightParameter, out gradBias),
            32 => AccumulateInterleaved<Width32>(model, table, leftItems, rightItems, leftSlots, rightSlots, labels, invBatch, gradientTable,
                out gradWeightParameter, out gradBias),
            64 => AccumulateInterleaved<Width64>(model, table, leftItems, rightItems, leftSlots, rightSlots, labels, invBatch, gradientTable,
                out gradWeightParameter, out gradBias),
            _ => AccumulateInterleaved<AnyWidth>(model, table, leftItems, rightItems, leftSlots, rightSlots, labels, invBatch, gradientTable,
                out gradWeightParameter, out gradBias),
        };

    /// <summary><see cref="AccumulateInterleaved"/> compiled for a width (<see cref="IRowWidth"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BatchTotals AccumulateInterleaved<TWidth>(EmbeddingModel model, InterleavedRows table, ReadOnlySpan<int> leftItems,
        ReadOnlySpan<int> rightItems, ReadOnlySpan<int> leftSlots, ReadOnlySpan<int> rightSlots, ReadOnlySpan<float> labels,
        float invBatch, float[] gradientTable, out float gradWeightParameter, out float gradBias)
        where TWidth : struct, IRowWidth
    {
        var dims = TWidth.Of(table.Dims);
        var length = leftItems.Length;
        if (model.Dims != dims || table.Dims != dims || rightItems.Length != length || leftSlots.Length < length || rightSlots.Length < length
            || labels.Length < length)
        {
            throw new ArgumentException("pairs, slots and labels of different lengths, or a model of other dimensions");
        }
        var block = table.Row(0);
        var stride = (nint)InterleavedRows.StrideFor(dims);
        var items = Vector256.Create((uint)table.Items);
        var slotLimit = Vector256.Create((uint)(gradientTable.Length / dims));
        var w = model.Weight;
        var b = Vector256.Create(model.Bias);
        var sums = default(LaneSums);
        var logProduct = Vector256<float>.One;
        var factors = 0;
        // A last partial chunk takes its pairs from here, its unused lanes naming the first pair's rows and slots.
        var tail = stackalloc int[4 * Lanes];
        var tailLabels = stackalloc float[Lanes];
        fixed (int* leftItem = leftItems)
        fixed (int* rightItem = rightItems)
        fixed (int* leftSlot = leftSlots)
        fixed (int* rightSlot = rightSlots)
        fixed (float* labelValues = labels)
        fixed (float* gradient = gradientTable)
        {
            PrefetchValues(block, stride, dims, leftItem, rightItem, 0, Math.Min(InterleavedPrefetchPairs, length));
            for (var start = 0; start < length; start += Lanes)
            {
                var count = Math.Min(Lanes, length - start);
                int* li = leftItem + start, ri = rightItem + start, ls = leftSlot + start, rs = rightSlot + start;
                float* y = labelValues + start;
                var mask = Vector256<float>.AllBitsSet;
                if (count < Lanes)
                {
                    for (var lane = 0; lane < Lanes; lane++)
                    {
                        var k = lane < count ? lane : 0;
                        tail[lane] = li[k];
                        tail[Lanes + lane] = lane < count ? ri[k] : li[0];
                        tail[2 * Lanes + lane] = ls[k];
                        tail[3 * Lanes + lane] = lane < count ? rs[k] : ls[0];
                        tailLabels[lane] = lane < count ? y[lane] : 0f;
                    }
                    li = tail;
                    ri = tail + Lanes;
                    ls = tail + 2 * Lanes;
                    rs = tail + 3 * Lanes;
                    y = tailLabels;
                    mask = Vector256.LessThan(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)count));
                }
                if (!Vector256.LessThanAll(Vector256.Load((uint*)li), items) || !Vector256.LessThanAll(Vector256.Load((uint*)ri), items))
                {
                    throw new ArgumentOutOfRangeException(nameof(leftItems), $"an item outside the table of {table.Items}");
                }
                if (!Vector256.LessThanAll(Vector256.Load((uint*)ls), slotLimit) || !Vector256.LessThanAll(Vector256.Load((uint*)rs), slotLimit))
                {
                    throw new ArgumentOutOfRangeException(nameof(leftSlots), "a slot outside the gradient table");
                }
                PrefetchValues(block, stride, dims, leftItem, rightItem, start + InterleavedPrefetchPairs, Math.Min(start + InterleavedPrefetchPairs + Lanes, length));
                var d2 = LaneTotals(
                    SumOfSquares(block + li[0] * stride, block + ri[0] * stride, dims),
                    SumOfSquares(block + li[1] * stride, block + ri[1] * stride, dims),
                    SumOfSquares(block + li[2] * stride, block + ri[2] * stride, dims),
                    SumOfSquares(block + li[3] * stride, block + ri[3] * stride, dims),
                    SumOfSquares(block + li[4] * stride, block + ri[4] * stride, dims),
                    SumOfSquares(block + li[5] * stride, block + ri[5] * stride, dims),
                    SumOfSquares(block + li[6] * stride, block + ri[6] * stride, dims),
                    SumOfSquares(block + li[7] * stride, block + ri[7] * stride, dims));
                (sums, logProduct, factors, var gradRowFactor) = AddChunk(sums, logProduct, factors, d2, Vector256.Load(y), mask, w, b,
                    invBatch);
                for (var lane = 0; lane < count; lane++)
                {
                    float* i = block + li[lane] * stride, j = block + ri[lane] * stride;
                    float* gi = gradient + (nint)ls[lane] * dims, gj = gradient + (nint)rs[lane] * dims;
                    var c = Avx2.PermuteVar8x32(gradRowFactor, Vector256.Create(lane));
                    // As in SumOfSquares, the first two vectors written out.
                    ScatterVector(i, j, gi, gj, c, 0);
                    if (dims > Lanes)
                    {
                        ScatterVector(i, j, gi, gj, c, Lanes);
                    }
                    for (var t = 2 * Lanes; t < dims; t += Lanes)
                    {
                        ScatterVector(i, j, gi, gj, c, t);
                    }
                }
            }
        }
        var lossSum = factors > 0 ? sums.Loss + VectorMath.LogAtLeastOne(logProduct) : sums.Loss;
        gradWeightParameter = Vector256.Sum(sums.GradWeight) * EmbeddingModel.WeightDerivative(model.WeightForm, model.WeightParameter);
        gradBias = Vector256.Sum(sums.GradBias);
        return new BatchTotals(Vector256.Sum(lossSum), Vector256.Sum(sums.SquaredError));
    }

    /// <summary>Asks for the value lines of pairs [<paramref name="from"/>, <paramref name="to"/>)'s rows (a prefetch never faults).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchValues(float* block, nint stride, int dims, int* leftItems, int* rightItems, int from, int to)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (var k = from; k < to; k++)
        {
            float* i = block + leftItems[k] * stride, j = block + rightItems[k] * stride;
            for (nint line = 0; line < dims; line += 64 / sizeof(float))
            {
                Sse.Prefetch0(i + line);
                Sse.Prefetch0(j + line);
            }
        }
    }
}
