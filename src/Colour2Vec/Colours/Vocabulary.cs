namespace Colour2Vec.Colours;

/// <summary>
/// The items that palette colours are mapped to before training: palettes hold thousands of distinct colours,
/// most seen once, so each colour is replaced by a vocabulary item that many palettes share. Either
/// <list type="bullet">
/// <item>a <see cref="ColourTable"/> (the built-in named colours by default): each colour becomes the nearest
/// row, the first row winning a tie; or</item>
/// <item><c>bins:N</c>: each 0–255 channel is cut into N equal levels (2 ≤ N ≤ 64), giving N³ boxes of the RGB
/// cube; a colour becomes its box, and only the boxes that occur become items.</item>
/// </list>
/// </summary>
public sealed class Vocabulary
{
    public const int MinBinLevels = 2;
    public const int MaxBinLevels = 64;
    public const string BinsPrefix = "bins:";

    private readonly Func<(byte R, byte G, byte B), int> _nearest;

    private Vocabulary(string name, ColourTable? table, int binLevels, Func<(byte R, byte G, byte B), int> nearest)
    {
        Name = name;
        Table = table;
        BinLevels = binLevels;
        _nearest = nearest;
    }

    /// <summary>How the vocabulary was given, for reports: "built-in (rgb)", "colours.csv (lab)", "bins:8".</summary>
    public string Name { get; }

    /// <summary>The table that colours are mapped into; null for bins.</summary>
    public ColourTable? Table { get; }

    /// <summary>N for <c>bins:N</c>; 0 for a table.</summary>
    public int BinLevels { get; }

    /// <summary>The entries on offer: the table's rows, or N³ bins.</summary>
    public int Size => Table?.Count ?? BinLevels * BinLevels * BinLevels;

    /// <summary>
    /// Reads a vocabulary option: null, empty or "built-in" for the built-in table; <c>bins:N</c>; otherwise the
    /// path of a colour table (any layout <see cref="ColourTable.Load"/> reads). <paramref name="measure"/> chooses
    /// "nearest" for tables and is ignored by bins.
    /// </summary>
    public static Vocabulary Parse(string? spec, SimilarityMeasure measure = SimilarityMeasure.Rgb)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim() is "built-in" or "builtin")
        {
            return BuiltIn(measure);
        }
        if (spec.StartsWith(BinsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(spec.AsSpan(BinsPrefix.Length).Trim(), out var levels) || levels < MinBinLevels || levels > MaxBinLevels)
            {
                throw new InputException(
                    $"vocabulary '{spec}': N in bins:N must be an integer from {MinBinLevels} to {MaxBinLevels}");
            }
            return Bins(levels);
        }
        return FromTable(ColourTable.Load(spec), measure);
    }

    /// <summary>The built-in named colours (<see cref="ColourTable.BuiltIn"/>).</summary>
    public static Vocabulary BuiltIn(SimilarityMeasure measure = SimilarityMeasure.Rgb) =>
        FromTable(ColourTable.BuiltIn(), measure);

    /// <summary>
    /// Nearest row by <paramref name="measure"/>: squared Euclidean distance of the 0–255 channels for rgb, ΔE*ab for
    /// lab, ΔE₀₀ for ciede2000 (each row's Lab coordinates are computed once).
    /// </summary>
    public static Vocabulary FromTable(ColourTable table, SimilarityMeasure measure = SimilarityMeasure.Rgb)
    {
        CheckNotEmpty(table);
        var name = $"{table.Source} ({measure.ToString().ToLowerInvariant()})";
        return measure switch
        {
            SimilarityMeasure.Rgb => new Vocabulary(name, table, 0, NearestRgb(table)),
            SimilarityMeasure.Lab => new Vocabulary(name, table, 0, NearestLab(table, ciede2000: false)),
            SimilarityMeasure.Ciede2000 => new Vocabulary(name, table, 0, NearestLab(table, ciede2000: true)),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown similarity measure"),
        };
    }

    /// <summary>
    /// Nearest row by any difference: <paramref name="difference"/>(row, colour) is smaller for closer colours. It is
    /// called once per row for each distinct palette colour.
    /// </summary>
    public static Vocabulary FromTable(ColourTable table, Func<int, (byte R, byte G, byte B), double> difference, string measureName)
    {
        CheckNotEmpty(table);
        return new Vocabulary($"{table.Source} ({measureName})", table, 0, colour =>
        {
            var best = 0;
            var bestDifference = double.PositiveInfinity;
            for (var row = 0; row < table.Count; row++)
            {
                var d = difference(row, colour);
                if (d < bestDifference)
                {
                    best = row;
                    bestDifference = d;
                }
            }
            return best;
        });
    }

    /// <summary>N levels per channel; N outside 2–64 is an <see cref="InputException"/>.</summary>
    public static Vocabulary Bins(int levels)
    {
        if (levels < MinBinLevels || levels > MaxBinLevels)
        {
            throw new InputException($"vocabulary 'bins:{levels}': N in bins:N must be an integer from {MinBinLevels} to {MaxBinLevels}");
        }
        return new Vocabulary($"{BinsPrefix}{levels}", null, levels,
            c => (Bin(c.R, levels) * levels + Bin(c.G, levels)) * levels + Bin(c.B, levels));
    }

    /// <summary>The level of a 0–255 channel among <paramref name="levels"/> equal ones: ⌊value · N / 256⌋.</summary>
    public static int Bin(byte value, int levels) => value * levels / 256;

    /// <summary>The middle of a level's channel values (rounding up between two): the bin item's colour.</summary>
    public static byte BinCentre(int bin, int levels)
    {
        var first = (bin * 256 + levels - 1) / levels;
        var last = ((bin + 1) * 256 + levels - 1) / levels - 1;
        return (byte)((first + last + 1) / 2);
    }

    /// <summary>
    /// The vocabulary entry of one colour: the nearest table row, or for bins the bin number r·N² + g·N + b (the
    /// items of <see cref="Map"/> hold only the bins that occur, so that number is not their index).
    /// </summary>
    public int Nearest((byte R, byte G, byte B) colour) => _nearest(colour);

    /// <summary>
    /// Replaces every palette colour by its vocabulary item. Each distinct colour is looked up once (palettes repeat
    /// colours). A palette whose slots map to the same item keeps both slots.
    /// </summary>
    public MappedPalettes Map(PaletteSet palettes)
    {
        var lookups = new Dictionary<(byte R, byte G, byte B), int>();
        var mapped = new int[palettes.Count][];
        for (var p = 0; p < palettes.Count; p++)
        {
            var palette = palettes.Palettes[p];
            mapped[p] = new int[palette.Count];
            for (var slot = 0; slot < palette.Count; slot++)
            {
                if (!lookups.TryGetValue(palette[slot], out var entry))
                {
                    entry = _nearest(palette[slot]);
                    lookups.Add(palette[slot], entry);
                }
                mapped[p][slot] = entry;
            }
        }
        var items = Table ?? RenumberBins(mapped);
        return new MappedPalettes(items, mapped, Coverage(mapped, items.Count, lookups.Count));
    }

    // Bins that occur become items in bin-number order (red, then green, then blue), so the item order does not
    // depend on the order of the palettes.
    private ColourTable RenumberBins(int[][] mapped)
    {
        var used = mapped.SelectMany(p => p).Distinct().Order().ToArray();
        var index = new Dictionary<int, int>(used.Length);
        var colours = new Colour[used.Length];
        var n = BinLevels;
        for (var i = 0; i < used.Length; i++)
        {
            index.Add(used[i], i);
            int r = used[i] / (n * n), g = used[i] / n % n, b = used[i] % n;
            colours[i] = Colour.FromBytes($"bin r{r} g{g} b{b}", BinCentre(r, n), BinCentre(g, n), BinCentre(b, n));
        }
        foreach (var palette in mapped)
        {
            for (var slot = 0; slot < palette.Length; slot++)
            {
                palette[slot] = index[palette[slot]];
            }
        }
        return new ColourTable(colours, Name);
    }

    private VocabularyCoverage Coverage(int[][] mapped, int itemCount, int distinctColours)
    {
        var counts = new int[itemCount];
        var slots = 0;
        foreach (var palette in mapped)
        {
            foreach (var item in palette)
            {
                counts[item]++;
                slots++;
            }
        }
        return new VocabularyCoverage(Size, counts.Count(c => c > 0), slots, distinctColours, counts.Count(c => c == 1));
    }

    private static Func<(byte R, byte G, byte B), int> NearestRgb(ColourTable table)
    {
        var channels = new int[table.Count * 3];
        for (var row = 0; row < table.Count; row++)
        {
            channels[3 * row] = table[row].R8;
            channels[3 * row + 1] = table[row].G8;
            channels[3 * row + 2] = table[row].B8;
        }
        return colour =>
        {
            var best = 0;
            var bestDistance = int.MaxValue;
            for (var row = 0; row < channels.Length / 3; row++)
            {
                int dr = colour.R - channels[3 * row], dg = colour.G - channels[3 * row + 1], db = colour.B - channels[3 * row + 2];
                var distance = dr * dr + dg * dg + db * db;
                if (distance < bestDistance)
                {
                    best = row;
                    bestDistance = distance;
                }
            }
            return best;
        };
    }

    private static Func<(byte R, byte G, byte B), int> NearestLab(ColourTable table, bool ciede2000)
    {
        var labs = table.Select(CieLab.FromColour).ToArray();
        return colour =>
        {
            // Through Colour, as the table's rows were, so that a palette colour equal to a row is at distance 0.
            var lab = CieLab.FromColour(Colour.FromBytes("", colour.R, colour.G, colour.B));
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var row = 0; row < labs.Length; row++)
            {
                var distance = ciede2000 ? Ciede2000.Difference(lab, labs[row]) : CieLab.DeltaE76(lab, labs[row]);
                if (distance < bestDistance)
                {
                    best = row;
                    bestDistance = distance;
                }
            }
            return best;
        };
    }

    private static void CheckNotEmpty(ColourTable table)
    {
        if (table.Count == 0)
        {
            throw new ArgumentException("a vocabulary table needs at least one colour", nameof(table));
        }
    }
}
