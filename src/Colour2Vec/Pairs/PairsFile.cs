using Colour2Vec.Colours;

namespace Colour2Vec.Pairs;

/// <summary>Labelled pairs given directly, read by <see cref="PairsFileReader"/>: the items and a training / held-out split of the rows.</summary>
public sealed class PairsFile
{
    public PairsFile(ColourTable items, PairSet training, PairSet heldOut, string source)
    {
        Items = items;
        Training = training;
        HeldOut = heldOut;
        Source = source;
    }

    /// <summary>The items the pairs index: the table given to the reader, or the file's names in order of first appearance.</summary>
    public ColourTable Items { get; }

    public PairSet Training { get; }
    public PairSet HeldOut { get; }
    public string Source { get; }
}
