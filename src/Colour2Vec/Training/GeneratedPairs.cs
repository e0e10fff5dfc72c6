using System.Runtime.CompilerServices;
using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// The seed's labelled pairs (both ends uniform, label 1 when diff &lt; threshold · u², the rule of
/// <see cref="SimilarityPairSampler"/>) generated from a counter-based hash of (seed, pair number) instead of
/// stored: pair k is the same every time it is asked for, so the dataset is fixed, yet it takes no memory
/// beyond the pipeline's two epoch buffers. Each epoch visits pairs 0 … N−1 in a new order, a seeded
/// <see cref="IndexPermutation"/> of the pair numbers (so every pair once per epoch, like a shuffle).
/// The pairs are not those of <c>SimilarityPairSampler.SampleTraining</c> (a different generator), but
/// follow the same distribution.
/// </summary>
public sealed class GeneratedPairs : IEpochPairSource
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly float[] _rgb;
    private readonly int _items;
    private readonly ulong _pairKey;
    private readonly ulong _orderKey;
    private readonly double _threshold;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(int epoch, EpochPairs target)
    {
        var order = new IndexPermutation(Count, _orderKey + (ulong)epoch * Golden);
        var leftItems = target.Left;
        var rightItems = target.Right;
        var labels = target.Labels;
        for (var k = 0; k < Count; k++)
        {
            (leftItems[k], rightItems[k], labels[k]) = Pair(order[k]);
        }
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
