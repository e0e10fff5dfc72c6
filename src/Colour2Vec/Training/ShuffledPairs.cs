using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// A fixed set of pairs in a new random order every epoch (Keras's <c>shuffle=True</c>).
/// </summary>
/// <remarks>
/// A plain Fisher–Yates over 100,000 pairs jumps around a buffer larger than the L2 cache and, 500 times a
/// run, cost as much as training. This uses the Rao–Sandelius method instead, which gives the same uniform
/// permutation: deal every pair into one of B buckets uniformly at random (sequential writes), then
/// Fisher–Yates each bucket, small enough to stay in L1.
/// </remarks>
public sealed class ShuffledPairs : IEpochPairSource
{
    private const int BucketTarget = 1024;

    private readonly ulong[] _packed;
    private readonly ulong[] _dealt;
    private readonly ushort[] _bucketOf;
    private readonly int[] _bucketStart;
    private ulong _state;

    public ShuffledPairs(PairSet pairs, int seed)
    {
        var count = pairs.Count;
        _packed = new ulong[count];
        for (var k = 0; k < count; k++)
        {
            _packed[k] = ((ulong)(uint)pairs.Left[k] << 32) | ((ulong)(uint)pairs.Right[k] << 1) | (pairs.Labels[k] > 0.5f ? 1UL : 0UL);
        }
        _dealt = new ulong[count];
        _bucketOf = new ushort[count];
        _bucketStart = new int[Math.Clamp(count / BucketTarget, 1, ushort.MaxValue) + 1];
        _state = (ulong)RandomStreams.DeriveSeed(seed, RandomStreams.Shuffle);
    }

    public int Count => _packed.Length;

    public void Fill(int epoch, EpochPairs target)
    {
        var buckets = _bucketStart.Length - 1;
        Array.Clear(_bucketStart);
        for (var k = 0; k < _packed.Length; k++)
        {
            var bucket = (ushort)Bounded((ulong)buckets);
            _bucketOf[k] = bucket;
            _bucketStart[bucket + 1]++;
        }
        for (var b = 1; b <= buckets; b++)
        {
            _bucketStart[b] += _bucketStart[b - 1];
        }
        Span<int> cursor = buckets <= 4096 ? stackalloc int[buckets] : new int[buckets];
        _bucketStart.AsSpan(0, buckets).CopyTo(cursor);
        for (var k = 0; k < _packed.Length; k++)
        {
            _dealt[cursor[_bucketOf[k]]++] = _packed[k];
        }
        for (var b = 0; b < buckets; b++)
        {
            var start = _bucketStart[b];
            for (var k = _bucketStart[b + 1] - 1; k > start; k--)
            {
                var other = start + (int)Bounded((ulong)(k - start + 1));
                (_dealt[k], _dealt[other]) = (_dealt[other], _dealt[k]);
            }
        }
        for (var k = 0; k < _dealt.Length; k++)
        {
            var pair = _dealt[k];
            target.Left[k] = (int)(pair >> 32);
            target.Right[k] = (int)((uint)pair >> 1);
            target.Labels[k] = pair & 1;
        }
    }

    /// <summary>
    /// Uniform in [0, bound): SplitMix64 scaled by a 128-bit multiply (Lemire). The seeded System.Random is
    /// the slow legacy generator, and a run draws 100 million numbers.
    /// </summary>
    internal ulong Bounded(ulong bound)
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return Math.BigMul(z, bound, out _);
    }
}
