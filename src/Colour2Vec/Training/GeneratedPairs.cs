using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// The seed's labelled pairs (both ends uniform, label 1 when diff &lt; threshold · u², the rule of
/// <see cref="SimilarityPairSampler"/>) generated from a counter-based hash of (seed, pair number) instead of
/// stored: pair k is the same every time it is asked for, so the dataset is fixed, yet it takes no memory
/// beyond the pipeline's epoch buffers. Each epoch visits pairs 0 … N−1 in a new order, a seeded
/// <see cref="IndexPermutation"/> of the pair numbers (so every pair once per epoch, like a shuffle).
/// The pairs are not those of <c>SimilarityPairSampler.SampleTraining</c> (a different generator), but
/// follow the same distribution. An epoch is filled in parts of 65,536 positions, on any threads
/// (<see cref="IPartitionedEpochSource"/>), eight positions at a time where AVX2 allows.
/// </summary>
public sealed class GeneratedPairs : IPartitionedEpochSource
{
    /// <summary>Positions per part of a partitioned fill: a multiple of eight, so only the last part has a scalar tail.</summary>
    private const int PartSize = 1 << 16;

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly float[] _rgb;
    private readonly int _items;
    private readonly ulong _pairKey;
    private readonly ulong _orderKey;
    private readonly double _threshold;
    private IndexPermutation _prepared;

    public GeneratedPairs(ColourTable table, int count, int seed, double threshold = SimilarityPairSampler.SeedThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(table.Count, 1);
        _rgb = table.Rgb;
        _items = table.Count;
        Count = count;
        _threshold = threshold;
        _pairKey = Mix((ulong)RandomStreams.DeriveSeed(seed, RandomStreams.TrainLeft) * Golden + 1);
        _orderKey = Mix((ulong)RandomStreams.DeriveSeed(seed, RandomStreams.Shuffle) * Golden + 2);
    }

    public int Count { get; }

    /// <summary>Pair number <paramref name="index"/> of the dataset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Left, int Right, float Label) Pair(int index)
    {
        // Two 64-bit hashes: the first's halves pick the two ends (multiply-shift onto [0, items)), the
        // second's top 53 bits are u.
        var ends = Mix(_pairKey + (ulong)index * Golden);
        var left = (int)(((ulong)(uint)(ends >> 32) * (uint)_items) >> 32);
        var right = (int)(((ulong)(uint)ends * (uint)_items) >> 32);
        var u = (Mix(ends ^ _pairKey) >> 11) * (1.0 / (1UL << 53));
        double dr = _rgb[3 * left] - _rgb[3 * right], dg = _rgb[3 * left + 1] - _rgb[3 * right + 1], db = _rgb[3 * left + 2] - _rgb[3 * right + 2];
        var difference = (dr * dr + dg * dg + db * db) / 3;
        return (left, right, difference < _threshold * u * u ? 1f : 0f);
    }

    public void Fill(int epoch, EpochPairs target) => Fill(Order(epoch), target, 0, Count);

    public int Prepare(int epoch)
    {
        _prepared = Order(epoch);
        return (Count + PartSize - 1) / PartSize;
    }

    public void FillPart(int part, EpochPairs target) =>
        Fill(_prepared, target, part * PartSize, Math.Min(Count, (part + 1) * PartSize));

    /// <summary>Positions [from, to) of the epoch in <paramref name="order"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(IndexPermutation order, EpochPairs target, int from, int to)
    {
        var k = Avx2.IsSupported ? FillEights(order, target, from, to) : from;
        for (; k < to; k++)
        {
            (target.Left[k], target.Right[k], target.Labels[k]) = Pair(order[k]);
        }
    }

    /// <summary>Epoch <paramref name="epoch"/>'s order: position k of the epoch holds pair number Order(epoch)[k].</summary>
    internal IndexPermutation Order(int epoch) => new(Count, _orderKey + (ulong)epoch * Golden);

    /// <summary>
    /// <see cref="Pair"/> for eight positions at a time, bit for bit: the permutation in 32-bit lanes, the hashes
    /// in 64-bit lanes (AVX2 multiplies 32 × 32 bits, so a 64-bit product takes three), the colours gathered.
    /// Returns the end of the positions filled, <paramref name="from"/> plus a multiple of eight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int FillEights(IndexPermutation order, EpochPairs target, int from, int to)
    {
        var end = from + ((to - from) & ~7);
        if (end > target.Count)
        {
            throw new ArgumentException("the epoch buffer is shorter than the positions asked for");
        }
        var step = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
        fixed (float* rgb = _rgb)
        fixed (int* left = target.Left, right = target.Right)
        fixed (float* labels = target.Labels)
        {
            for (var k = from; k < end; k += 8)
            {
                var indices = order.At(Vector256.Create((uint)k) + step);
                Four(indices.GetLower(), rgb, left + k, right + k, labels + k);
                Four(indices.GetUpper(), rgb, left + k + 4, right + k + 4, labels + k + 4);
            }
        }
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Four(Vector128<uint> indices, float* rgb, int* left, int* right, float* labels)
    {
        var ends = Mix(Vector256.Create(_pairKey) + MultiplyLow(Avx2.ConvertToVector256Int64(indices).AsUInt64(), Golden));
        var items = Vector256.Create((ulong)(uint)_items).AsUInt32();
        var leftItems = Narrow(Vector256.ShiftRightLogical(Avx2.Multiply(Vector256.ShiftRightLogical(ends, 32).AsUInt32(), items), 32));
        var rightItems = Narrow(Vector256.ShiftRightLogical(Avx2.Multiply(ends.AsUInt32(), items), 32));
        // u = (53 random bits) · 2^-53, converted exactly: each 32-bit half through the 2^52 exponent trick.
        var bits = Vector256.ShiftRightLogical(Mix(ends ^ Vector256.Create(_pairKey)), 11);
        var magic = Vector256.Create(0x4330000000000000UL);
        var high = (Vector256.ShiftRightLogical(bits, 32) | magic).AsDouble() - magic.AsDouble();
        var low = ((bits & Vector256.Create(0xFFFFFFFFUL)) | magic).AsDouble() - magic.AsDouble();
        var u = (high * 4294967296.0 + low) * (1.0 / (1UL << 53));
        var leftOffsets = leftItems * 3;
        var rightOffsets = rightItems * 3;
        var dr = Channel(rgb, leftOffsets, rightOffsets);
        var dg = Channel(rgb + 1, leftOffsets, rightOffsets);
        var db = Channel(rgb + 2, leftOffsets, rightOffsets);
        var difference = (dr * dr + dg * dg + db * db) / 3;
        var positive = Vector256.LessThan(difference, Vector256.Create(_threshold) * u * u);
        leftItems.Store(left);
        rightItems.Store(right);
        Avx.ConvertToVector128Single(positive & Vector256.Create(1.0)).Store(labels);
    }

    /// <summary>The float difference of one channel, widened to double as <see cref="Pair"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Channel(float* channel, Vector128<int> leftOffsets, Vector128<int> rightOffsets) =>
        Avx.ConvertToVector256Double(Avx2.GatherVector128(channel, leftOffsets, 4) - Avx2.GatherVector128(channel, rightOffsets, 4));

    /// <summary>The low 32 bits of four 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Narrow(Vector256<ulong> values) =>
        Avx2.PermuteVar8x32(values.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();

    /// <summary>The low 64 bits of a · c in each lane, from three 32 × 32-bit products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> MultiplyLow(Vector256<ulong> a, ulong c)
    {
        var low = Vector256.Create((ulong)(uint)c).AsUInt32();
        var high = Vector256.Create(c >> 32).AsUInt32();
        var cross = Avx2.Multiply(a.AsUInt32(), high) + Avx2.Multiply(Vector256.ShiftRightLogical(a, 32).AsUInt32(), low);
        return Avx2.Multiply(a.AsUInt32(), low) + Vector256.ShiftLeft(cross, 32);
    }

    /// <summary><see cref="Mix(ulong)"/> in four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = MultiplyLow(z ^ Vector256.ShiftRightLogical(z, 30), 0xBF58476D1CE4E5B9UL);
        z = MultiplyLow(z ^ Vector256.ShiftRightLogical(z, 27), 0x94D049BB133111EBUL);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
