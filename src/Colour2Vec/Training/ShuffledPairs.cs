using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// A fixed set of pairs in a new random order every epoch (Keras's <c>shuffle=True</c>).
/// </summary>
/// <remarks>
/// Pairs that fit in the L2 cache packed (up to 512 KB: 131,072 pairs at 32 bits, the seed's 100,000 among
/// them) are copied and shuffled by one Fisher–Yates pass, which stays in L2 (about 0.3 ms for 100,000 pairs
/// here, half of what the method below took). Larger sets would make that pass jump around a buffer larger than
/// the L2 cache, and 500 times a run it cost as much as training, so they use the Rao–Sandelius method instead,
/// which gives the same uniform permutation: deal every pair into one of B buckets uniformly at random
/// (sequential writes; B a power of two, so one 64-bit draw names several buckets exactly), then Fisher–Yates
/// each bucket, small enough to stay in L1, and unpack it while it is still there. (One bucket is the plain
/// Fisher–Yates.) The buckets are the parts of <see cref="IPartitionedEpochSource"/>: each has its own random
/// stream, drawn from the seed, the epoch and the bucket, so the training thread can finish some while the
/// worker finishes others and the order never depends on who did which. Each epoch's order depends only on the
/// seed and the epoch.
/// </remarks>
public sealed class ShuffledPairs : IPartitionedEpochSource
{
    private const int BucketTarget = 1024;

    /// <summary>Packed pairs up to this size are shuffled as one bucket (see the remarks).</summary>
    internal const long SingleBucketBytes = 512 * 1024;

    /// <summary>Pairs ahead, in its bucket, of each dealt pair whose cache line is requested (256 bytes at 32 bits).</summary>
    private const int DealPrefetchAhead = 64;

    /// <summary>Items below this fit a pair in 32 bits (15 + 15 + the label), half the memory traffic of 64.</summary>
    private const int NarrowItems = 1 << 15;

    private readonly IDealer _dealer;

    public ShuffledPairs(PairSet pairs, int seed) : this(pairs, seed, slackDeviations: 10)
    {
    }

    /// <summary>
    /// For tests: <paramref name="slackDeviations"/> sets bucket room above the mean size (0 forces the counting
    /// path), <paramref name="wide"/> forces 64-bit packing whatever the item indices, and
    /// <paramref name="singleBucketBytes"/> sets the size up to which the pairs are shuffled as one bucket.
    /// </summary>
    internal ShuffledPairs(PairSet pairs, int seed, double slackDeviations, bool wide = false, long singleBucketBytes = SingleBucketBytes)
    {
        var narrow = !wide && pairs.Left.All(i => (uint)i < NarrowItems) && pairs.Right.All(i => (uint)i < NarrowItems);
        var seedState = (ulong)RandomStreams.DeriveSeed(seed, RandomStreams.Shuffle);
        _dealer = narrow
            ? new Dealer<uint, Narrow>(pairs, seedState, slackDeviations, singleBucketBytes)
            : new Dealer<ulong, Wide>(pairs, seedState, slackDeviations, singleBucketBytes);
    }

    public int Count => _dealer.Count;

    /// <summary>Memory held between epochs: the packed pairs and the buckets.</summary>
    public long StoredBytes => _dealer.StoredBytes;

    public void Fill(int epoch, EpochPairs target)
    {
        var parts = Prepare(epoch);
        for (var part = 0; part < parts; part++)
        {
            FillPart(part, target);
        }
    }

    /// <summary>Deals the epoch's pairs into the buckets; returns the number of buckets.</summary>
    public int Prepare(int epoch) => _dealer.Prepare(epoch);

    /// <summary>Shuffles bucket <paramref name="part"/> on its own stream and writes it to its place in <paramref name="target"/>.</summary>
    public void FillPart(int part, EpochPairs target) => _dealer.FillPart(part, target);

    private interface IDealer
    {
        int Count { get; }
        long StoredBytes { get; }
        int Prepare(int epoch);
        void FillPart(int part, EpochPairs target);
    }

    /// <summary>How a pair is packed into one integer: left, right and the label in the lowest bit.</summary>
    private interface IPacking<T> where T : unmanaged
    {
        static abstract T Pack(int left, int right, bool label);
        static abstract (int Left, int Right, float Label) Unpack(T pair);

        /// <summary>Unpacks every pair of <paramref name="pairs"/> into the three columns.</summary>
        static abstract void UnpackAll(ReadOnlySpan<T> pairs, Span<int> left, Span<int> right, Span<float> labels);
    }

    private readonly struct Narrow : IPacking<uint>
    {
        public static uint Pack(int left, int right, bool label) => ((uint)left << 16) | ((uint)right << 1) | (label ? 1u : 0u);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (int Left, int Right, float Label) Unpack(uint pair) => ((int)(pair >> 16), (int)((pair >> 1) & 0x7FFF), pair & 1);

        /// <summary>Eight pairs at a time: the unpacking loop otherwise costs a third as much as the shuffle before it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void UnpackAll(ReadOnlySpan<uint> pairs, Span<int> left, Span<int> right, Span<float> labels)
        {
            ref var pair0 = ref MemoryMarshal.GetReference(pairs);
            ref var left0 = ref MemoryMarshal.GetReference(left);
            ref var right0 = ref MemoryMarshal.GetReference(right);
            ref var label0 = ref MemoryMarshal.GetReference(labels);
            var k = 0;
            for (; k + Vector256<uint>.Count <= pairs.Length; k += Vector256<uint>.Count)
            {
                var packed = Vector256.LoadUnsafe(ref pair0, (nuint)k);
                Vector256.ShiftRightLogical(packed, 16).AsInt32().StoreUnsafe(ref left0, (nuint)k);
                (Vector256.ShiftRightLogical(packed, 1) & Vector256.Create(0x7FFFu)).AsInt32().StoreUnsafe(ref right0, (nuint)k);
                Vector256.ConvertToSingle((packed & Vector256<uint>.One).AsInt32()).StoreUnsafe(ref label0, (nuint)k);
            }
            for (; k < pairs.Length; k++)
            {
                (Unsafe.Add(ref left0, k), Unsafe.Add(ref right0, k), Unsafe.Add(ref label0, k)) = Unpack(Unsafe.Add(ref pair0, k));
            }
        }
    }

    private readonly struct Wide : IPacking<ulong>
    {
        public static ulong Pack(int left, int right, bool label) => ((ulong)(uint)left << 32) | ((ulong)(uint)right << 1) | (label ? 1UL : 0UL);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (int Left, int Right, float Label) Unpack(ulong pair) => ((int)(pair >> 32), (int)((uint)pair >> 1), pair & 1);

        public static void UnpackAll(ReadOnlySpan<ulong> pairs, Span<int> left, Span<int> right, Span<float> labels)
        {
            for (var j = 0; j < pairs.Length; j++)
            {
                (left[j], right[j], labels[j]) = Unpack(pairs[j]);
            }
        }
    }

    private sealed class Dealer<T, TPacking> : IDealer where T : unmanaged where TPacking : IPacking<T>
    {
        private readonly T[] _packed;
        private readonly ulong _seedState;
        private readonly int _bucketBits;
        private readonly int _capacity;
        private readonly T[] _slots;
        private readonly int[] _filled;
        private readonly int[] _offsets;
        // Only for the counting path, after an overflow: allocated then.
        private T[] _dealt = [];
        private ushort[] _bucketOf = [];
        private bool _counted;
        private int _epoch;

        public Dealer(PairSet pairs, ulong seedState, double slackDeviations, long singleBucketBytes)
        {
            var count = pairs.Count;
            _packed = new T[count];
            for (var k = 0; k < count; k++)
            {
                _packed[k] = TPacking.Pack(pairs.Left[k], pairs.Right[k], pairs.Labels[k] > 0.5f);
            }
            _bucketBits = (long)count * Unsafe.SizeOf<T>() <= singleBucketBytes
                ? 0
                : Math.Clamp(BitOperations.Log2((uint)Math.Max(1, count / BucketTarget)), 0, 12);
            var buckets = 1 << _bucketBits;
            var mean = (double)count / buckets;
            // Room for ten standard deviations above the mean bucket size: overflow is practically impossible, and
            // when it happens the epoch is dealt again by counting first (the same buckets, the same order).
            _capacity = slackDeviations <= 0 ? (int)mean : (int)Math.Ceiling(mean + slackDeviations * Math.Sqrt(mean) + 16);
            _slots = new T[(long)buckets * _capacity];
            _filled = new int[buckets];
            _offsets = new int[buckets + 1];
            _seedState = seedState;
        }

        public int Count => _packed.Length;

        public long StoredBytes => (long)(_packed.Length + _slots.Length) * Unsafe.SizeOf<T>();

        public int Prepare(int epoch)
        {
            _epoch = epoch;
            _counted = !DealInOnePass(StreamStart(epoch, -1));
            if (_counted)
            {
                DealByCounting(StreamStart(epoch, -1));
            }
            else
            {
                for (var b = 0; b < _filled.Length; b++)
                {
                    _offsets[b + 1] = _offsets[b] + _filled[b];
                }
            }
            return _filled.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FillPart(int part, EpochPairs target)
        {
            var start = _offsets[part];
            var length = _offsets[part + 1] - start;
            var bucket = _counted ? _dealt.AsSpan(start, length) : _slots.AsSpan(part * _capacity, length);
            var state = StreamStart(_epoch, part);
            ref var first = ref MemoryMarshal.GetReference(bucket);
            // Fisher–Yates from the top, two positions per 64-bit draw (32 bits each, Lemire's multiply-shift).
            var k = length - 1;
            for (; k > 1; k -= 2)
            {
                var bits = Next(ref state);
                Swap(ref first, k, (int)(((bits & 0xFFFFFFFFUL) * (ulong)(k + 1)) >> 32));
                Swap(ref first, k - 1, (int)(((bits >> 32) * (ulong)k) >> 32));
            }
            if (k == 1)
            {
                Swap(ref first, 1, (int)(Next(ref state) & 1));
            }
            TPacking.UnpackAll(bucket, target.Left.AsSpan(start, length), target.Right.AsSpan(start, length),
                target.Labels.AsSpan(start, length));
        }

        /// <summary>
        /// Deals each pair straight into a fixed-capacity bucket; false if a bucket overflowed. Each 64-bit draw
        /// names the buckets of the next 64 / bits pairs. The buckets' cache lines have usually left L1 and L2
        /// since the last epoch (the epoch's pairs stream through in between), so each write asks for the line
        /// 256 bytes further on in its bucket; with that and the loop kept to registers the deal measured about
        /// 30 % faster than a plain loop. (A prefetch past the last bucket's end touches nothing.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe bool DealInOnePass(ulong state)
        {
            var capacity = _capacity;
            var filled = _filled;
            var shift = _bucketBits;
            if (shift == 0)
            {
                // One bucket, whose capacity is at least the mean, n: every pair goes to it, in order.
                _packed.CopyTo(_slots, 0);
                filled[0] = _packed.Length;
                return true;
            }
            Array.Clear(filled);
            var perDraw = 64 / shift;
            var mask = (1UL << shift) - 1;
            var n = _packed.Length;
            fixed (T* slots = _slots)
            fixed (int* counts = filled)
            fixed (T* source = _packed)
            {
                var k = 0;
                while (k < n)
                {
                    var bits = Next(ref state);
                    var end = n - k <= perDraw ? n : k + perDraw;
                    for (; k < end; k++)
                    {
                        var bucket = (nint)(bits & mask);
                        bits >>= shift;
                        var count = counts[bucket];
                        if (count == capacity)
                        {
                            return false;
                        }
                        counts[bucket] = count + 1;
                        var slot = slots + bucket * capacity + count;
                        *slot = source[k];
                        if (Sse.IsSupported)
                        {
                            Sse.Prefetch0(slot + DealPrefetchAhead);
                        }
                    }
                }
            }
            return true;
        }

        /// <summary>
        /// The same deal in two passes (bucket of every pair, then pairs in bucket order), for an overflow. Its
        /// bucket draws repeat <see cref="DealInOnePass"/>'s on purpose: a shared helper struct was not kept in
        /// registers in the hot loop. A test holds the two paths to the same order.
        /// </summary>
        private void DealByCounting(ulong state)
        {
            if (_dealt.Length == 0)
            {
                _dealt = new T[_packed.Length];
                _bucketOf = new ushort[_packed.Length];
            }
            var bucketOf = _bucketOf;
            var perDraw = _bucketBits == 0 ? int.MaxValue : 64 / _bucketBits;
            var mask = (1UL << _bucketBits) - 1;
            var bits = 0UL;
            var left = 0;
            Array.Clear(_offsets);
            for (var k = 0; k < bucketOf.Length; k++)
            {
                if (left == 0)
                {
                    bits = Next(ref state);
                    left = perDraw;
                }
                bucketOf[k] = (ushort)(bits & mask);
                bits >>= _bucketBits;
                left--;
                _offsets[bucketOf[k] + 1]++;
            }
            for (var b = 1; b < _offsets.Length; b++)
            {
                _offsets[b] += _offsets[b - 1];
            }
            var cursor = _offsets[..^1];
            for (var k = 0; k < bucketOf.Length; k++)
            {
                _dealt[cursor[bucketOf[k]]++] = _packed[k];
            }
        }

        /// <summary>The first state of the stream for <paramref name="epoch"/>'s deal (bucket −1) or one bucket's shuffle.</summary>
        private ulong StreamStart(int epoch, int bucket) =>
            GeneratedPairs.Mix(_seedState + (ulong)(uint)epoch * 0x9E3779B97F4A7C15UL + (ulong)(bucket + 1) * 0xD1B54A32D192ED03UL);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Swap(ref T first, int a, int b) =>
            (Unsafe.Add(ref first, a), Unsafe.Add(ref first, b)) = (Unsafe.Add(ref first, b), Unsafe.Add(ref first, a));
    }

    /// <summary>
    /// wyrand: one 128-bit multiply per 64-bit draw. Bounded draws take 32 bits each through Lemire's
    /// multiply-shift, whose bias, below bound / 2³² (3·10⁻⁷ for a bucket of 1,300), no test of a shuffle could
    /// see. The seeded System.Random is the slow legacy generator, and a run draws tens of millions of numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong state)
    {
        state += 0xA0761D6478BD642FUL;
        var high = Math.BigMul(state, state ^ 0xE7037ED1A0B428DBUL, out var low);
        return high ^ low;
    }
}
