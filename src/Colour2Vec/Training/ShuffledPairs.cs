using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// A fixed set of pairs in a new random order every epoch (Keras's <c>shuffle=True</c>).
/// </summary>
/// <remarks>
/// A plain Fisher–Yates over 100,000 pairs jumps around a buffer larger than the L2 cache and, 500 times a
/// run, cost as much as training. This uses the Rao–Sandelius method instead, which gives the same uniform
/// permutation: deal every pair into one of B buckets uniformly at random (sequential writes), then
/// Fisher–Yates each bucket, small enough to stay in L1, and unpack it while it is still there.
/// </remarks>
public sealed class ShuffledPairs : IEpochPairSource
{
    private const int BucketTarget = 1024;

    private readonly ulong[] _packed;
    private readonly ulong[] _dealt;
    private readonly ushort[] _bucketOf;
    private readonly int[] _bucketStart;
    private readonly ulong[] _slots;
    private readonly int[] _filled;
    private readonly int _capacity;
    private ulong _state;

    public ShuffledPairs(PairSet pairs, int seed) : this(pairs, seed, slackDeviations: 10)
    {
    }

    /// <summary>For tests: <paramref name="slackDeviations"/> sets bucket room above the mean size (0 forces the counting path).</summary>
    internal ShuffledPairs(PairSet pairs, int seed, double slackDeviations)
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
        var buckets = _bucketStart.Length - 1;
        var mean = (double)count / buckets;
        // Room for ten standard deviations above the mean bucket size: overflow is practically impossible, and
        // when it happens the epoch is dealt again by counting first.
        _capacity = slackDeviations <= 0 ? (int)mean : (int)Math.Ceiling(mean + slackDeviations * Math.Sqrt(mean) + 16);
        _slots = new ulong[(long)buckets * _capacity];
        _filled = new int[buckets];
        _state = (ulong)RandomStreams.DeriveSeed(seed, RandomStreams.Shuffle);
    }

    public int Count => _packed.Length;

    public void Fill(int epoch, EpochPairs target)
    {
        if (!FillInOnePass(target))
        {
            FillByCounting(target);
        }
    }

    /// <summary>Deals each pair straight into a fixed-capacity bucket; false if a bucket overflowed.</summary>
    private bool FillInOnePass(EpochPairs target)
    {
        var buckets = (uint)_filled.Length;
        var capacity = _capacity;
        var filled = _filled;
        var slots = _slots;
        // The generator's state lives in a local for the whole epoch: as a field it went through memory on every draw.
        var state = _state;
        Array.Clear(filled);
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref var filled0 = ref MemoryMarshal.GetArrayDataReference(filled);
        foreach (var pair in _packed)
        {
            var bucket = (int)Draw(ref state, buckets);
            ref var count = ref Unsafe.Add(ref filled0, bucket);
            if (count == capacity)
            {
                _state = state;
                return false;
            }
            Unsafe.Add(ref slot0, bucket * capacity + count++) = pair;
        }
        var written = 0;
        var left = target.Left;
        var right = target.Right;
        var labels = target.Labels;
        for (var b = 0; b < filled.Length; b++)
        {
            var bucket = slots.AsSpan(b * capacity, filled[b]);
            for (var k = bucket.Length - 1; k > 0; k--)
            {
                var other = (int)Draw(ref state, (uint)(k + 1));
                (bucket[k], bucket[other]) = (bucket[other], bucket[k]);
            }
            var leftOut = left.AsSpan(written, bucket.Length);
            var rightOut = right.AsSpan(written, bucket.Length);
            var labelsOut = labels.AsSpan(written, bucket.Length);
            for (var k = 0; k < bucket.Length; k++)
            {
                var pair = bucket[k];
                leftOut[k] = (int)(pair >> 32);
                rightOut[k] = (int)((uint)pair >> 1);
                labelsOut[k] = pair & 1;
            }
            written += bucket.Length;
        }
        _state = state;
        return true;
    }

    private void FillByCounting(EpochPairs target)
    {
        var buckets = _bucketStart.Length - 1;
        Array.Clear(_bucketStart);
        var bucketOf = _bucketOf;
        for (var k = 0; k < bucketOf.Length; k++)
        {
            var bucket = (ushort)Bounded((uint)buckets);
            bucketOf[k] = bucket;
            _bucketStart[bucket + 1]++;
        }
        for (var b = 1; b <= buckets; b++)
        {
            _bucketStart[b] += _bucketStart[b - 1];
        }
        Span<int> cursor = buckets <= 4096 ? stackalloc int[buckets] : new int[buckets];
        _bucketStart.AsSpan(0, buckets).CopyTo(cursor);
        var packed = _packed;
        var dealt = _dealt;
        for (var k = 0; k < packed.Length; k++)
        {
            dealt[cursor[bucketOf[k]]++] = packed[k];
        }
        for (var b = 0; b < buckets; b++)
        {
            var start = _bucketStart[b];
            var bucket = dealt.AsSpan(start, _bucketStart[b + 1] - start);
            for (var k = bucket.Length - 1; k > 0; k--)
            {
                var other = (int)Bounded((uint)(k + 1));
                (bucket[k], bucket[other]) = (bucket[other], bucket[k]);
            }
        }
        var left = target.Left.AsSpan(0, dealt.Length);
        var right = target.Right.AsSpan(0, dealt.Length);
        var labels = target.Labels.AsSpan(0, dealt.Length);
        for (var k = 0; k < dealt.Length; k++)
        {
            var pair = dealt[k];
            left[k] = (int)(pair >> 32);
            right[k] = (int)((uint)pair >> 1);
            labels[k] = pair & 1;
        }
    }

    /// <summary>
    /// Uniform in [0, bound): 32 bits of wyrand (one 128-bit multiply per draw) scaled by Lemire's
    /// multiply-shift, whose bias, below bound / 2³² (2·10⁻⁵ for 100,000 pairs), no test of a shuffle could
    /// see. The seeded System.Random is the slow legacy generator, and a run draws 100 million numbers.
    /// </summary>
    internal uint Bounded(uint bound) => Draw(ref _state, bound);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Draw(ref ulong state, uint bound)
    {
        state += 0xA0761D6478BD642FUL;
        var high = Math.BigMul(state, state ^ 0xE7037ED1A0B428DBUL, out var low);
        return (uint)(((high ^ low) & 0xFFFFFFFFUL) * bound >> 32);
    }
}
