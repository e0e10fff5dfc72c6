namespace Colour2Vec.Colours;

/// <summary>
/// Palettes read by <see cref="PaletteFile"/>: groups of colours that a person chose to go together, each colour
/// as 0–255 channel bytes. Only palettes with at least two colours are kept (a pair needs two);
/// <see cref="SkippedShort"/> counts the others.
/// </summary>
public sealed class PaletteSet
{
    private readonly (byte R, byte G, byte B)[][] _palettes;

    public PaletteSet(IEnumerable<(byte R, byte G, byte B)[]> palettes, string source, int skippedShort = 0)
    {
        _palettes = palettes.Select(p => p.ToArray()).ToArray();
        if (_palettes.Any(p => p.Length < 2))
        {
            throw new ArgumentException("every palette must hold at least two colours", nameof(palettes));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(skippedShort);
        Source = source;
        SkippedShort = skippedShort;
        SlotCount = _palettes.Sum(p => p.Length);
        DistinctColourCount = _palettes.SelectMany(p => p).Distinct().Count();
    }

    /// <summary>Where the palettes came from: a path, or the name given to <see cref="PaletteFile.Parse"/>.</summary>
    public string Source { get; }

    /// <summary>The kept palettes, in file order; a colour may repeat within a palette.</summary>
    public IReadOnlyList<IReadOnlyList<(byte R, byte G, byte B)>> Palettes => _palettes;

    /// <summary>The number of kept palettes.</summary>
    public int Count => _palettes.Length;

    /// <summary>Palettes left out because they held fewer than two colours.</summary>
    public int SkippedShort { get; }

    /// <summary>Colours over all kept palettes, counting repeats.</summary>
    public int SlotCount { get; }

    /// <summary>Distinct colours over all kept palettes.</summary>
    public int DistinctColourCount { get; }
}
