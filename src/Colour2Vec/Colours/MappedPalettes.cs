namespace Colour2Vec.Colours;

/// <summary>
/// Palettes whose colours have been replaced by vocabulary items (<see cref="Vocabulary.Map"/>): the input for
/// palette pairs. <see cref="Palettes"/> hold indices into <see cref="Items"/>, one per slot, in slot order.
/// </summary>
public sealed class MappedPalettes
{
    public MappedPalettes(ColourTable items, IReadOnlyList<int[]> palettes, VocabularyCoverage coverage)
    {
        foreach (var palette in palettes)
        {
            foreach (var item in palette)
            {
                if ((uint)item >= (uint)items.Count)
                {
                    throw new ArgumentException($"item {item} is outside the table of {items.Count}", nameof(palettes));
                }
            }
        }
        Items = items;
        Palettes = palettes;
        Coverage = coverage;
    }

    /// <summary>
    /// The items to embed. For a table vocabulary, the whole table (unused rows stay, so indices match the table);
    /// for bins, only the bins that occur.
    /// </summary>
    public ColourTable Items { get; }

    /// <summary>One array of item indices per palette; two slots may hold the same item.</summary>
    public IReadOnlyList<int[]> Palettes { get; }

    public VocabularyCoverage Coverage { get; }
}
