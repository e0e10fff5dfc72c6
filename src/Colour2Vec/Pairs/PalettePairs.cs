namespace Colour2Vec.Pairs;

/// <summary>
/// Pairs from real groupings: two colours in one palette go together (label 1); negatives are drawn from how often
/// items occur (<see cref="NegativeSampler"/>, label 0), as word2vec draws them for words in one window. Palettes are
/// arrays of item indices (<see cref="Colours.MappedPalettes"/>). Typical use:
/// <code>
/// var (training, heldOutPalettes) = PalettePairs.Split(mapped.Palettes, seed);
/// var (left, right) = PalettePairs.Positives(training);
/// var sampler = new NegativeSampler(training, mapped.Items.Count);
/// var heldOut = PalettePairs.HeldOut(heldOutPalettes, sampler, seed);
/// var epochPairs = PalettePairs.Epoch(left, right, sampler, seed, epoch);   // fresh negatives every epoch
/// </code>
/// </summary>
public static class PalettePairs
{
    /// <summary>The <see cref="RandomStreams"/> stream that picks the held-out palettes.</summary>
    public const int SplitStream = 41;

    /// <summary>The stream, further split by epoch number, that draws each epoch's negatives.</summary>
    public const int EpochNegativesStream = 42;

    /// <summary>The stream that draws the held-out set's negatives.</summary>
    public const int HeldOutNegativesStream = 43;

    public const double DefaultHeldOutFraction = 0.1;

    /// <summary>
    /// Holds out round(fraction · palettes) palettes chosen by the seed; both parts keep the palettes' order. Whole
    /// palettes are held out, not pairs, so a held-out pair's palette was never seen in training.
    /// </summary>
    public static (IReadOnlyList<int[]> Training, IReadOnlyList<int[]> HeldOut) Split(
        IReadOnlyList<int[]> palettes, int seed, double heldOutFraction = DefaultHeldOutFraction)
    {
        if (!(heldOutFraction >= 0 && heldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "must be at least 0 and below 1");
        }
        var heldOut = HeldOutRows(palettes.Count, heldOutFraction, RandomStreams.Create(seed, SplitStream));
        var training = new List<int[]>(palettes.Count);
        var held = new List<int[]>();
        for (var i = 0; i < palettes.Count; i++)
        {
            (heldOut[i] ? held : training).Add(palettes[i]);
        }
        return (training, held);
    }

    /// <summary>
    /// Marks round(fraction · count) of <paramref name="count"/> rows, chosen uniformly by a partial Fisher–Yates
    /// shuffle; shared with <see cref="PairsFileReader"/>.
    /// </summary>
    internal static bool[] HeldOutRows(int count, double fraction, Random random)
    {
        var take = (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero);
        var order = Enumerable.Range(0, count).ToArray();
        var marked = new bool[count];
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, count);
            (order[i], order[j]) = (order[j], order[i]);
            marked[order[i]] = true;
        }
        return marked;
    }

    /// <summary>Positive pairs in a set of palettes: n(n − 1)/2 for a palette of n slots.</summary>
    public static int PositiveCount(IReadOnlyList<int[]> palettes) =>
        checked(palettes.Sum(p => p.Length * (p.Length - 1) / 2));

    /// <summary>
    /// Every unordered pair of slots i &lt; j within each palette, as (item at i, item at j), palette after palette.
    /// One orientation is enough because the model's distance is symmetric. Two slots holding the same item still
    /// give a pair (item, item): the palette did put that colour (or two colours that map to it) together.
    /// </summary>
    public static (int[] Left, int[] Right) Positives(IReadOnlyList<int[]> palettes)
    {
        var count = PositiveCount(palettes);
        var left = new int[count];
        var right = new int[count];
        var k = 0;
        foreach (var palette in palettes)
        {
            for (var i = 0; i < palette.Length; i++)
            {
                for (var j = i + 1; j < palette.Length; j++)
                {
                    left[k] = palette[i];
                    right[k] = palette[j];
                    k++;
                }
            }
        }
        return (left, right);
    }

    /// <summary>
    /// One epoch's pairs: the P positives labelled 1 first, then for positive k its
    /// <see cref="NegativeSampler.NegativesPerPositive"/> negatives (left item of k, drawn item) labelled 0 at
    /// <c>P + k · perPositive + j</c>. The negatives are the same for the same (seed, epoch) and differ between
    /// epochs, so the model sees fresh ones each epoch without the run losing its reproducibility.
    /// </summary>
    public static PairSet Epoch(int[] positiveLeft, int[] positiveRight, NegativeSampler sampler, int seed, int epoch)
    {
        var random = new Random(RandomStreams.DeriveSeed(RandomStreams.DeriveSeed(seed, EpochNegativesStream), epoch));
        return WithNegatives(positiveLeft, positiveRight, sampler, random);
    }

    /// <summary>
    /// The fixed held-out set: the held-out palettes' positives (label 1) followed by their negatives (label 0), laid
    /// out as in <see cref="Epoch"/>, drawn from the training distribution with the seed's own stream.
    /// </summary>
    public static PairSet HeldOut(IReadOnlyList<int[]> heldOutPalettes, NegativeSampler sampler, int seed)
    {
        var (left, right) = Positives(heldOutPalettes);
        return WithNegatives(left, right, sampler, RandomStreams.Create(seed, HeldOutNegativesStream));
    }

    private static PairSet WithNegatives(int[] positiveLeft, int[] positiveRight, NegativeSampler sampler, Random random)
    {
        if (positiveLeft.Length != positiveRight.Length)
        {
            throw new ArgumentException("the positives' left and right must have the same length");
        }
        var positives = positiveLeft.Length;
        var total = checked(positives * (1 + sampler.NegativesPerPositive));
        var left = new int[total];
        var right = new int[total];
        var labels = new float[total];
        positiveLeft.CopyTo(left, 0);
        positiveRight.CopyTo(right, 0);
        labels.AsSpan(0, positives).Fill(1f);
        sampler.Fill(left.AsSpan(positives), right.AsSpan(positives), positiveLeft, random);
        return new PairSet(left, right, labels);
    }
}
