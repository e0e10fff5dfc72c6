using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// Palette training as word2vec trains on sentences: every epoch the within-palette positives plus fresh
/// negatives (k per positive, drawn from item frequency^0.75), in a new random order. Deterministic in
/// (seed, epoch).
/// </summary>
public sealed class PaletteEpochs : IEpochPairSource
{
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly NegativeSampler _sampler;
    private readonly int _seed;

    public PaletteEpochs(IReadOnlyList<int[]> trainingPalettes, NegativeSampler sampler, int seed)
    {
        (_left, _right) = PalettePairs.Positives(trainingPalettes);
        _sampler = sampler;
        _seed = seed;
        Count = _left.Length * (1 + sampler.NegativesPerPositive);
    }

    public int Count { get; }

    public void Fill(int epoch, EpochPairs target)
    {
        var pairs = PalettePairs.Epoch(_left, _right, _sampler, _seed, epoch);
        new ShuffledPairs(pairs, RandomStreams.DeriveSeed(_seed, 1000 + epoch)).Fill(0, target);
    }
}
