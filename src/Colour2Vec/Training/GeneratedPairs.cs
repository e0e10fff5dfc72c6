using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// The seed's labelled pairs (both ends uniform, label 1 when diff &lt; threshold · u², the rule of
/// <see cref="SimilarityPairSampler"/>) generated from counter-based hashes of (seed, pair number) instead of
/// stored: pair k is the same every time it is asked for, so the dataset is fixed, yet it takes no memory
/// beyond the pipeline's epoch buffers. Each epoch visits pairs 0 … N−1 in a new order, a seeded
/// <see cref="IndexPermutation"/> of the pair numbers (so every pair once per epoch, like a shuffle).
/// The pairs are not those of <c>SimilarityPairSampler.SampleTraining</c> (a different generator), but
/// follow the same distribution. An epoch is filled in parts of 65,536 positions, on any threads
/// (<see cref="IPartitionedEpochSource"/>), eight positions at a time where AVX2 allows.
/// <para>
/// Pair k takes three 32-bit hashes of k (murmur3's finaliser over k times an odd constant plus a key, a
/// bijection of 32 bits, one per use): the first two pick the ends by multiply-shift onto [0, items), the third's
/// top 24 bits are u, exact in a float. The difference and the comparison are in float. All of it runs in
/// eight 32-bit lanes; an earlier form took two 64-bit SplitMix hashes and compared in double, four lanes at a time
/// with each 64-bit product made of three 32-bit ones, and filled an epoch of 2,000,000 pairs in 25–39 ms on this
/// project's machine against 19–25 ms with eight lanes (alternating probes), and 14–23 ms with each colour loaded
/// whole instead of gathered channel by channel: time two training threads stop for between epochs.
/// </para>
/// </summary>
public sealed class GeneratedPairs : IPartitionedEpochSource
{
    /// <summary>Positions per part of a partitioned fill: a multiple of eight, so only the last part has a scalar tail.</summary>
    private const int PartSize = 1 << 16;

    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const uint LeftMultiplier = 0x9E3779B1u;
    private const uint RightMultiplier = 0x85EBCA77u;
    private const uint UMultiplier = 0xC2B2AE3Du;
    private const float UnitOf24Bits = 1f / (1 << 24);

    private readonly float[] _rgb;
    private readonly float[] _rgba;
    private readonly int _items;
    private readonly uint _leftKey;
    private readonly uint _rightKey;
    private readonly uint _uKey;
    private readonly ulong _orderKey;
    private readonly float _threshold;
    private IndexPermutation _prepared;

    public GeneratedPairs(ColourTable table, int count, int seed, double threshold = SimilarityPairSampler.SeedThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(table.Count, 1);
        _rgb = table.Rgb;
        _items = table.Count;
        // Each colour as (r, g, b, 0), one 16-byte load per end in the vector fill.
        _rgba = new float[4 * _items];
        for (var item = 0; item < _items; item++)
        {
            _rgb.AsSpan(3 * item, 3).CopyTo(_rgba.AsSpan(4 * item, 3));
        }
        Count = count;
        _threshold = (float)threshold;
        var pairKey = Mix((ulong)RandomStreams.DeriveSeed(seed, RandomStreams.TrainLeft) * Golden + 1);
        (_leftKey, _rightKey) = ((uint)pairKey, (uint)(pairKey >> 32));
        _uKey = (uint)Mix(pairKey ^ Golden);
        _orderKey = Mix((ulong)RandomStreams.DeriveSeed(seed, RandomStreams.Shuffle) * Golden + 2);
    }

    public int Count { get; }

    /// <summary>Pair number <paramref name="index"/> of the dataset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Left, int Right, float Label) Pair(int index)
    {
        var k = (uint)index;
        var left = (int)(((ulong)Hash(k * LeftMultiplier + _leftKey) * (uint)_items) >> 32);
        var right = (int)(((ulong)Hash(k * RightMultiplier + _rightKey) * (uint)_items) >> 32);
        var u = (Hash(k * UMultiplier + _uKey) >> 8) * UnitOf24Bits;
        float dr = _rgb[3 * left] - _rgb[3 * right], dg = _rgb[3 * left + 1] - _rgb[3 * right + 1], db = _rgb[3 * left + 2] - _rgb[3 * right + 2];
        var difference = (dr * dr + dg * dg + db * db) / 3f;
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

    /// <summary>
    /// Fills one epoch of 24 pairs of a two-colour table, through the partitioned path the training threads take: the
    /// code is compiled at first call, and this lets <see cref="Trainer"/> have that done ahead on an idle core.
    /// </summary>
    internal static void WarmUp()
    {
        var pairs = new GeneratedPairs(new ColourTable([Colour.FromBytes("black", 0, 0, 0), Colour.FromBytes("white", 255, 255, 255)], "warm-up"),
            24, seed: 0);
        var epoch = new EpochPairs(pairs.Count);
        for (var part = pairs.Prepare(0) - 1; part >= 0; part--)
        {
            pairs.FillPart(part, epoch);
        }
    }

    /// <summary>Epoch <paramref name="epoch"/>'s order: position k of the epoch holds pair number Order(epoch)[k].</summary>
    internal IndexPermutation Order(int epoch) => new(Count, _orderKey + (ulong)epoch * Golden);

    /// <summary>
    /// <see cref="Pair"/> for eight positions at a time, bit for bit: the permutation, the hashes and the
    /// arithmetic in 32-bit lanes, each end's colour one 16-byte load (<see cref="SquaredDifferences"/>).
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
        var items = Vector256.Create((uint)_items);
        var threshold = Vector256.Create(_threshold);
        var ends = stackalloc int[16];
        var lanes = order.InLanes();
        fixed (float* rgba = _rgba)
        fixed (int* left = target.Left, right = target.Right)
        fixed (float* labels = target.Labels)
        {
            for (var k = from; k < end; k += 8)
            {
                var index = lanes.At(Vector256.Create((uint)k) + step);
                var leftItems = MultiplyHigh(Hash(index * LeftMultiplier + Vector256.Create(_leftKey)), items).AsInt32();
                var rightItems = MultiplyHigh(Hash(index * RightMultiplier + Vector256.Create(_rightKey)), items).AsInt32();
                var u = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(Hash(index * UMultiplier + Vector256.Create(_uKey)), 8).AsInt32())
                    * Vector256.Create(UnitOf24Bits);
                leftItems.Store(ends);
                rightItems.Store(ends + 8);
                var difference = SquaredDifferences(rgba, ends) / Vector256.Create(3f);
                var positive = Vector256.LessThan(difference, threshold * u * u);
                leftItems.Store(left + k);
                rightItems.Store(right + k);
                (positive & Vector256<float>.One).Store(labels + k);
            }
        }
        return end;
    }

    /// <summary>
    /// dr² + dg² + db² (added in that order, as <see cref="Pair"/> does) for the eight pairs whose ends are
    /// <paramref name="ends"/>[0..8) and [8..16): each pair's rows are one 16-byte load each, and two rounds of
    /// horizontal adds sum the squares ((r + g) + (b + 0)) straight into pair order. Six gathers of single floats took
    /// twice as long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> SquaredDifferences(float* rgba, int* ends)
    {
        var q0 = Squared(rgba, ends, 0);
        var q1 = Squared(rgba, ends, 1);
        var q2 = Squared(rgba, ends, 2);
        var q3 = Squared(rgba, ends, 3);
        var q4 = Squared(rgba, ends, 4);
        var q5 = Squared(rgba, ends, 5);
        var q6 = Squared(rgba, ends, 6);
        var q7 = Squared(rgba, ends, 7);
        // Within each 128-bit half: [q0.r+q0.g, q0.b, q1.r+q1.g, q1.b | the same of q4, q5], then the pairs' sums.
        var first = Avx.HorizontalAdd(Vector256.Create(q0, q4), Vector256.Create(q1, q5));
        var second = Avx.HorizontalAdd(Vector256.Create(q2, q6), Vector256.Create(q3, q7));
        return Avx.HorizontalAdd(first, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<float> Squared(float* rgba, int* ends, int pair)
    {
        var delta = Vector128.Load(rgba + 4 * (nint)ends[pair]) - Vector128.Load(rgba + 4 * (nint)ends[8 + pair]);
        return delta * delta;
    }

    /// <summary>The high 32 bits of a · b in each lane: the even and the odd lanes' 64-bit products, blended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> MultiplyHigh(Vector256<uint> a, Vector256<uint> b)
    {
        var even = Vector256.ShiftRightLogical(Avx2.Multiply(a, b), 32).AsUInt32();
        var odd = Avx2.Multiply(Vector256.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), b).AsUInt32();
        return Avx2.Blend(even, odd, 0b1010_1010);
    }

    /// <summary>murmur3's 32-bit finaliser: a bijective mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint z)
    {
        z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
        z = (z ^ (z >> 13)) * 0xC2B2AE35u;
        return z ^ (z >> 16);
    }

    /// <summary><see cref="Hash(uint)"/> in eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Hash(Vector256<uint> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 16)) * Vector256.Create(0x85EBCA6Bu);
        z = (z ^ Vector256.ShiftRightLogical(z, 13)) * Vector256.Create(0xC2B2AE35u);
        return z ^ Vector256.ShiftRightLogical(z, 16);
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
