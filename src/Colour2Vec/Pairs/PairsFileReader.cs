using System.Text;
using Colour2Vec.Colours;
using nietras.SeparatedValues;

namespace Colour2Vec.Pairs;

/// <summary>
/// Reads labelled pairs from a CSV with columns <c>a,b,label</c> (matched without case, in any order, extra columns
/// ignored): item names and 1 for "go together" or 0 for "do not". Names are trimmed and compared exactly.
/// <list type="bullet">
/// <item>With an item table, every name must be one of its names (the first row wins when a name repeats), and the
/// items are that table, rows unused by any pair included.</item>
/// <item>Without one, the items are the distinct names in order of first appearance (a before b, row by row), each
/// coloured by a hash of its name: the colours only tell items apart in pictures and mean nothing.</item>
/// </list>
/// A seeded share of the rows (10 % by default) is held out. Every error names the file, line and field.
/// </summary>
public static class PairsFileReader
{
    /// <summary>The <see cref="RandomStreams"/> stream that picks the held-out rows.</summary>
    public const int SplitStream = 50;

    private const string Expected = "expected a header 'a,b,label' and rows such as 'red,crimson,1'";

    public static PairsFile Read(string path, ColourTable? items, int seed, double heldOutFraction = PalettePairs.DefaultHeldOutFraction)
    {
        return Parse(TextFile.ReadUtf8(path, "the pairs"), path, items, seed, heldOutFraction);
    }

    public static PairsFile Parse(string text, string source, ColourTable? items, int seed,
        double heldOutFraction = PalettePairs.DefaultHeldOutFraction)
    {
        if (!(heldOutFraction >= 0 && heldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "must be at least 0 and below 1");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw InputException.At(source, 0, null, $"the file is empty; {Expected}");
        }
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromText(text);
        var header = reader.Header.ColNames.Select(h => h.Trim()).ToArray();
        int[] columns = [CsvFields.Find(header, "a"), CsvFields.Find(header, "b"), CsvFields.Find(header, "label")];
        if (columns.Any(c => c < 0))
        {
            throw InputException.At(source, 1, null, $"the header '{string.Join(',', header)}' lacks a column; {Expected}");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        if (items is not null)
        {
            for (var i = 0; i < items.Count; i++)
            {
                index.TryAdd(items[i].Name.Trim(), i);
            }
        }
        var left = new List<int>();
        var right = new List<int>();
        var labels = new List<float>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
            {
                continue;
            }
            left.Add(Item(CsvFields.Get(row, header, columns[0], source, line), "a"));
            right.Add(Item(CsvFields.Get(row, header, columns[1], source, line), "b"));
            var label = CsvFields.Get(row, header, columns[2], source, line).Trim();
            labels.Add(label switch
            {
                "1" => 1f,
                "0" => 0f,
                _ => throw InputException.At(source, line, header[columns[2]], $"'{label}' is not 0 or 1"),
            });

            int Item(string field, string column)
            {
                var name = field.Trim();
                if (name.Length == 0)
                {
                    throw InputException.At(source, line, column, "empty; expected an item name");
                }
                if (index.TryGetValue(name, out var item))
                {
                    return item;
                }
                if (items is not null)
                {
                    throw InputException.At(source, line, column, $"unknown item '{name}': no such name in {items.Source}{Suggest(name, index.Keys)}");
                }
                index.Add(name, names.Count);
                names.Add(name);
                return names.Count - 1;
            }
        }
        if (labels.Count == 0)
        {
            throw InputException.At(source, 0, null, $"no pairs after the header; {Expected}");
        }
        var table = items ?? new ColourTable(names.Select(HashColour), source);
        var heldOut = PalettePairs.HeldOutRows(labels.Count, heldOutFraction, RandomStreams.Create(seed, SplitStream));
        return new PairsFile(table, Subset(left, right, labels, heldOut, false), Subset(left, right, labels, heldOut, true), source);
    }

    /// <summary>
    /// A fixed colour for a name: FNV-1a of its UTF-8 bytes picks the hue, at a middling saturation and lightness,
    /// so the same name is the same colour on every run and machine (string.GetHashCode is not).
    /// </summary>
    internal static Colour HashColour(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        var hue = hash % 360 / 60.0;
        const double chroma = 0.5, lightness = 0.35;
        var x = chroma * (1 - Math.Abs(hue % 2 - 1));
        var (r, g, b2) = (int)hue switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        return new Colour(name, (float)(r + lightness), (float)(g + lightness), (float)(b2 + lightness));
    }

    private static PairSet Subset(List<int> left, List<int> right, List<float> labels, bool[] heldOut, bool wanted)
    {
        var rows = Enumerable.Range(0, labels.Count).Where(k => heldOut[k] == wanted).ToArray();
        return new PairSet(rows.Select(k => left[k]).ToArray(), rows.Select(k => right[k]).ToArray(), rows.Select(k => labels[k]).ToArray());
    }

    private static string Suggest(string name, IEnumerable<string> known)
    {
        var match = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? "" : $" (names are case-sensitive: did you mean '{match}'?)";
    }

}
