namespace Colour2Vec.Colours;

/// <summary>
/// How much of a vocabulary the palettes use after <see cref="Vocabulary.Map"/>: few items used, or many items seen
/// only once, mean the palettes say little about most items.
/// </summary>
/// <param name="VocabularySize">Entries the vocabulary offers: the table's rows, or N³ for <c>bins:N</c>.</param>
/// <param name="ItemsUsed">Distinct vocabulary entries that at least one palette slot maps to.</param>
/// <param name="Slots">Palette slots mapped: every colour of every palette, repeats counted.</param>
/// <param name="DistinctColours">Distinct palette colours, before mapping.</param>
/// <param name="ItemsSeenOnce">Items used by exactly one slot.</param>
public sealed record VocabularyCoverage(int VocabularySize, int ItemsUsed, int Slots, int DistinctColours, int ItemsSeenOnce)
{
    /// <summary>Mean slots per item used: how many times, on average, an item the palettes mention is mentioned.</summary>
    public double SlotsPerItemUsed => ItemsUsed == 0 ? 0 : (double)Slots / ItemsUsed;

    /// <summary>One line for a report, e.g. "412 of 658 items used by 4960 slots (12.0 per item), 61 seen once".</summary>
    public override string ToString() =>
        $"{ItemsUsed} of {VocabularySize} items used by {Slots} slots ({SlotsPerItemUsed:F1} per item), {ItemsSeenOnce} seen once";
}
