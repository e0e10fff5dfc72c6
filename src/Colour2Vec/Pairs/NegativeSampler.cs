namespace Colour2Vec.Pairs;

/// <summary>
/// Draws negative items for palette pairs as word2vec does: item i with probability proportional to
/// <c>count(i)^0.75</c>, where count(i) is the number of training-palette slots holding i. The power lifts rare items
/// above their share without making them as common as frequent ones. Items no training slot holds are never drawn.
/// Draws use Walker's alias table: one uniform number per draw, whatever the number of items.
/// </summary>
public sealed class NegativeSampler
{
    /// <summary>word2vec's unigram power.</summary>
    public const double DefaultPower = 0.75;

    /// <summary>Negatives drawn per positive pair (word2vec's <c>-negative 5</c>).</summary>
    public const int DefaultNegativesPerPositive = 5;

    // A draw that hits the anchor itself is redrawn (word2vec skips it): a pair (a, a) labelled 0 would ask the
    // model to push an item away from itself. The bound only matters when nearly all the mass is on one item.
    private const int MaxRedraws = 32;

    private readonly double[] _probability;
    private readonly double[] _keep;
    private readonly int[] _alias;

    /// <summary>Builds the distribution from the training palettes (arrays of item indices below <paramref name="itemCount"/>).</summary>
    public NegativeSampler(IReadOnlyList<int[]> trainingPalettes, int itemCount,
        int negativesPerPositive = DefaultNegativesPerPositive, double power = DefaultPower)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(negativesPerPositive, 1);
        if (!(power >= 0 && double.IsFinite(power)))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "the power must be a finite number ≥ 0");
        }
        var counts = new long[itemCount];
        foreach (var palette in trainingPalettes)
        {
            foreach (var item in palette)
            {
                if ((uint)item >= (uint)itemCount)
                {
                    throw new ArgumentException($"item {item} is outside 0..{itemCount - 1}", nameof(trainingPalettes));
                }
                counts[item]++;
            }
        }
        _probability = new double[itemCount];
        double total = 0;
        for (var i = 0; i < itemCount; i++)
        {
            _probability[i] = counts[i] == 0 ? 0 : Math.Pow(counts[i], power);
            total += _probability[i];
        }
        if (total == 0)
        {
            throw new ArgumentException("the training palettes hold no items to draw negatives from", nameof(trainingPalettes));
        }
        for (var i = 0; i < itemCount; i++)
        {
            _probability[i] /= total;
        }
        (_keep, _alias) = BuildAlias(_probability);
        NegativesPerPositive = negativesPerPositive;
        Power = power;
    }

    public int ItemCount => _probability.Length;
    public int NegativesPerPositive { get; }
    public double Power { get; }

    /// <summary>The probability that one draw gives <paramref name="item"/>: count^power over the sum of them.</summary>
    public double Probability(int item) => _probability[item];

    /// <summary>One item from the distribution.</summary>
    public int Sample(Random random)
    {
        // One uniform gives both the column (its integer part) and the coin within the column (its fraction).
        var x = random.NextDouble() * _keep.Length;
        var column = Math.Min((int)x, _keep.Length - 1);
        return x - column < _keep[column] ? column : _alias[column];
    }

    /// <summary>
    /// For each anchor a, writes <see cref="NegativesPerPositive"/> pairs (a, drawn) in a row: pair
    /// <c>k · NegativesPerPositive + j</c> is anchor k's j-th negative. A draw equal to its anchor is redrawn.
    /// </summary>
    public void Fill(Span<int> left, Span<int> right, ReadOnlySpan<int> anchors, Random random)
    {
        var perAnchor = NegativesPerPositive;
        if (left.Length != anchors.Length * perAnchor || right.Length != left.Length)
        {
            throw new ArgumentException(
                $"left and right must hold {perAnchor} pairs per anchor ({anchors.Length * perAnchor}); they hold {left.Length} and {right.Length}");
        }
        for (var k = 0; k < anchors.Length; k++)
        {
            var anchor = anchors[k];
            for (var j = 0; j < perAnchor; j++)
            {
                var drawn = Sample(random);
                for (var tries = 0; drawn == anchor && tries < MaxRedraws; tries++)
                {
                    drawn = Sample(random);
                }
                left[k * perAnchor + j] = anchor;
                right[k * perAnchor + j] = drawn;
            }
        }
    }

    // Vose's construction: columns of height 1/n, each split between its own item and one alias.
    private static (double[] Keep, int[] Alias) BuildAlias(double[] probability)
    {
        var n = probability.Length;
        var keep = new double[n];
        var alias = new int[n];
        var scaled = probability.Select(p => p * n).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var less = small.Pop();
            var more = large.Pop();
            keep[less] = scaled[less];
            alias[less] = more;
            scaled[more] -= 1 - scaled[less];
            (scaled[more] < 1 ? small : large).Push(more);
        }
        // What remains is 1 up to rounding, so such a column keeps its own item; an item that is never drawn must
        // not, so its column goes to the most likely item.
        var mostLikely = Array.IndexOf(probability, probability.Max());
        foreach (var i in large.Concat(small))
        {
            keep[i] = 1;
            alias[i] = i;
            if (probability[i] == 0)
            {
                keep[i] = 0;
                alias[i] = mostLikely;
            }
        }
        return (keep, alias);
    }
}
