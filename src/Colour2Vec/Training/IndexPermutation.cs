using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Colour2Vec.Training;

/// <summary>
/// A seeded bijection of [0, n), computed one index at a time without storing it: a four-round Feistel
/// network over the smallest power of two ≥ n (halves of ⌊b/2⌋ and ⌈b/2⌉ bits, which swap widths each round),
/// with cycle-walking: apply it again until the value falls below n (a bijection of the larger domain
/// restricted this way is a bijection of [0, n)). The domain is under 2n, so under two walks on average.
/// </summary>
public readonly struct IndexPermutation
{
    private const int Rounds = 4;

    private readonly ulong _keys;
    private readonly ulong _keys2;
    private readonly int _highBits;
    private readonly int _lowBits;

    public IndexPermutation(int count, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        var bits = 2;
        while ((1L << bits) < count)
        {
            bits++;
        }
        _highBits = bits / 2;
        _lowBits = bits - _highBits;
        _keys = GeneratedPairs.Mix(key);
        _keys2 = GeneratedPairs.Mix(_keys + 0x9E3779B97F4A7C15UL);
    }

    public int Count { get; }

    /// <summary>The index at position <paramref name="position"/> of the permuted order.</summary>
    public int this[int position]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var x = (uint)position;
            do
            {
                x = Encrypt(x);
            }
            while (x >= (uint)Count);
            return (int)x;
        }
    }

    /// <summary>Eight positions at once: the same indices as the indexer, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<uint> At(Vector256<uint> positions) => InLanes().At(positions);

    /// <summary>The permutation's keys, masks and shifts set out in lanes once, for many calls of <see cref="Lanes.At"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes InLanes() => new(this);

    /// <summary>
    /// <see cref="IndexPermutation"/> eight positions at a time, its four rounds written out: the same operations as
    /// the indexer's loop, so the same indices. As a loop over the rounds, with each round's key, mask and shift
    /// picked inside it, the permutation took about half of a 2,000,000-pair fill.
    /// </summary>
    public readonly struct Lanes
    {
        private readonly Vector256<uint> _key0, _key1, _key2, _key3;
        private readonly Vector256<uint> _highMask, _lowMask;
        private readonly Vector256<int> _last;
        private readonly int _lowBits;

        internal Lanes(IndexPermutation permutation)
        {
            _key0 = Vector256.Create((uint)permutation._keys);
            _key1 = Vector256.Create((uint)(permutation._keys >> 32));
            _key2 = Vector256.Create((uint)permutation._keys2);
            _key3 = Vector256.Create((uint)(permutation._keys2 >> 32));
            _highMask = Vector256.Create((1u << permutation._highBits) - 1);
            _lowMask = Vector256.Create((1u << permutation._lowBits) - 1);
            _last = Vector256.Create(permutation.Count - 1);
            _lowBits = permutation._lowBits;
        }

        /// <summary>The indices at <paramref name="positions"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<uint> At(Vector256<uint> positions)
        {
            // Every lane is encrypted once, then again while it is out of range (the domain is under 2^31, so a
            // signed comparison is exact).
            var x = Encrypt(positions);
            var pending = Vector256.GreaterThan(x.AsInt32(), _last).AsUInt32();
            while (pending != Vector256<uint>.Zero)
            {
                x = Vector256.ConditionalSelect(pending, Encrypt(x), x);
                pending = Vector256.GreaterThan(x.AsInt32(), _last).AsUInt32();
            }
            return x;
        }

        /// <summary>
        /// The indexer's rounds: the halves start ⌊b/2⌋ (left) and ⌈b/2⌉ (right) bits wide and swap widths each round,
        /// so rounds 0 and 2 mask to the high width and rounds 1 and 3 to the low one, ending as they began.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<uint> Encrypt(Vector256<uint> x)
        {
            var left = Vector256.ShiftRightLogical(x, _lowBits);
            var right = x & _lowMask;
            (left, right) = (right, (left ^ Round(right, _key0)) & _highMask);
            (left, right) = (right, (left ^ Round(right, _key1)) & _lowMask);
            (left, right) = (right, (left ^ Round(right, _key2)) & _highMask);
            (left, right) = (right, (left ^ Round(right, _key3)) & _lowMask);
            return Vector256.ShiftLeft(left, _lowBits) | right;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> Round(Vector256<uint> value, Vector256<uint> key)
        {
            var z = (value ^ key) * Vector256.Create(0x9E3779B1u);
            z ^= Vector256.ShiftRightLogical(z, 15);
            z *= Vector256.Create(0x85EBCA77u);
            z ^= Vector256.ShiftRightLogical(z, 13);
            return z;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Encrypt(uint x)
    {
        int leftBits = _highBits, rightBits = _lowBits;
        uint left = x >> rightBits, right = x & ((1u << rightBits) - 1);
        for (var round = 0; round < Rounds; round++)
        {
            var roundKey = (uint)((round < 2 ? _keys : _keys2) >> (32 * (round & 1)));
            (left, right) = (right, (left ^ Round(right, roundKey)) & ((1u << leftBits) - 1));
            (leftBits, rightBits) = (rightBits, leftBits);
        }
        return (left << rightBits) | right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Round(uint value, uint key)
    {
        var z = (value ^ key) * 0x9E3779B1u;
        z ^= z >> 15;
        z *= 0x85EBCA77u;
        z ^= z >> 13;
        return z;
    }
}
