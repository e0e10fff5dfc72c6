using System.Runtime.CompilerServices;

namespace Colour2Vec.Evaluation;

/// <summary>
/// Spearman's rank correlation: Pearson's correlation of the two samples' ranks, tied values sharing their
/// average rank. Values are ordered by an LSD radix sort on their bits (millions of pairs per evaluation), and
/// the two samples are ranked in parallel.
/// </summary>
public static class RankCorrelation
{
    /// <summary>ρ of <paramref name="x"/> and <paramref name="y"/>; NaN when either is constant or they hold fewer than two values.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length");
        }
        return Spearman(x.ToArray(), y.ToArray());
    }

    internal static double Spearman(double[] x, double[] y)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }
        double[] xRanks = [], yRanks = [];
        Parallel.Invoke(() => xRanks = AverageRanks(x), () => yRanks = AverageRanks(y));
        return Pearson(xRanks, yRanks);
    }

    /// <summary>Ranks 1..n; a run of equal values gets the mean of the ranks it spans. NaN is not allowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var keys = new ulong[n];
        var order = new int[n];
        for (var k = 0; k < n; k++)
        {
            if (double.IsNaN(values[k]))
            {
                throw new ArgumentException("values must not be NaN", nameof(values));
            }
            keys[k] = SortableBits(values[k]);
            order[k] = k;
        }
        RadixSort(ref keys, ref order);
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            // Positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    /// <summary>Maps a double to an unsigned integer with the same order (negatives flipped; −0 and +0 equal).</summary>
    private static ulong SortableBits(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value == 0 ? 0.0 : value);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    /// <summary>Stable sort of keys (carrying order along) in four 16-bit passes; a pass on a digit every key shares is skipped.</summary>
    private static void RadixSort(ref ulong[] keys, ref int[] order)
    {
        var n = keys.Length;
        var keyScratch = new ulong[n];
        var orderScratch = new int[n];
        var counts = new int[1 << 16];
        for (var shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            foreach (var key in keys)
            {
                counts[(int)(key >> shift) & 0xFFFF]++;
            }
            if (counts[(int)(keys[0] >> shift) & 0xFFFF] == n)
            {
                continue;
            }
            var total = 0;
            for (var digit = 0; digit < counts.Length; digit++)
            {
                var count = counts[digit];
                counts[digit] = total;
                total += count;
            }
            for (var k = 0; k < n; k++)
            {
                var slot = counts[(int)(keys[k] >> shift) & 0xFFFF]++;
                keyScratch[slot] = keys[k];
                orderScratch[slot] = order[k];
            }
            (keys, keyScratch) = (keyScratch, keys);
            (order, orderScratch) = (orderScratch, order);
        }
    }

    private static double Pearson(double[] x, double[] y)
    {
        var n = x.Length;
        double meanX = 0, meanY = 0;
        for (var k = 0; k < n; k++)
        {
            meanX += x[k];
            meanY += y[k];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < n; k++)
        {
            var dx = x[k] - meanX;
            var dy = y[k] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
