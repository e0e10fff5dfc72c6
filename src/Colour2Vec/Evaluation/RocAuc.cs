namespace Colour2Vec.Evaluation;

/// <summary>
/// Area under the ROC curve: the probability that a random positive scores above a random negative, ties
/// counting one half (the Mann–Whitney U statistic with average ranks). Scores are ordered by an LSD radix
/// sort on their float bits, so a held-out AUC every epoch costs far less than a comparison sort. Keeps its
/// buffers between calls; one instance per thread.
/// </summary>
public sealed class RocAuc
{
    private ulong[] _keys = [];
    private ulong[] _scratch = [];

    /// <summary>AUC of <paramref name="scores"/> (higher means "more likely 1") against 0/1 <paramref name="labels"/>; NaN without both classes.</summary>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels) => new RocAuc().Of(scores, labels);

    public double Of(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("scores and labels must have the same length");
        }
        var n = scores.Length;
        if (_keys.Length < n)
        {
            _keys = new ulong[n];
            _scratch = new ulong[n];
        }
        var keys = _keys.AsSpan(0, n);
        for (var k = 0; k < n; k++)
        {
            keys[k] = ((ulong)SortableBits(scores[k]) << 32) | (labels[k] > 0.5f ? 1UL : 0UL);
        }
        var sorted = RadixSortHighWord(keys, _scratch.AsSpan(0, n));

        double positives = 0, rankSumOfPositives = 0;
        var rank = 0L;
        for (var start = 0; start < n;)
        {
            var key = sorted[start] >> 32;
            var end = start;
            var positivesInGroup = 0;
            while (end < n && sorted[end] >> 32 == key)
            {
                positivesInGroup += (int)(sorted[end] & 1);
                end++;
            }
            var averageRank = rank + (end - start + 1) / 2.0;
            rankSumOfPositives += positivesInGroup * averageRank;
            positives += positivesInGroup;
            rank += end - start;
            start = end;
        }
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        return (rankSumOfPositives - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Maps a float to an unsigned integer with the same order (negative numbers flipped).</summary>
    private static uint SortableBits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value == 0f ? 0f : value); // -0 and +0 tie
        return (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
    }

    /// <summary>Sorts by bits 32–63 in four byte-wide passes; returns whichever buffer holds the result.</summary>
    private static Span<ulong> RadixSortHighWord(Span<ulong> keys, Span<ulong> scratch)
    {
        Span<int> counts = stackalloc int[256];
        for (var shift = 32; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (var key in keys)
            {
                counts[(int)(key >> shift) & 0xFF]++;
            }
            var total = 0;
            for (var b = 0; b < 256; b++)
            {
                var c = counts[b];
                counts[b] = total;
                total += c;
            }
            foreach (var key in keys)
            {
                scratch[counts[(int)(key >> shift) & 0xFF]++] = key;
            }
            var swap = keys;
            keys = scratch;
            scratch = swap;
        }
        return keys;
    }
}
