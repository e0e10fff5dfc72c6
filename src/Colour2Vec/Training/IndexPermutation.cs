using System.Runtime.CompilerServices;

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
