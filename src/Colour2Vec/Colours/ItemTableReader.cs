using System.Globalization;
using nietras.SeparatedValues;

namespace Colour2Vec.Colours;

/// <summary>
/// Reads an <see cref="ItemTable"/> from a CSV with a <c>name</c> column and numeric feature columns. Every column
/// other than <c>name</c> and <c>hex</c> is a feature and must hold a number in every row. Colours for drawing:
/// <list type="bullet">
/// <item>a <c>hex</c> column (<c>#RRGGBB</c>) colours the items and is never a feature;</item>
/// <item>otherwise <c>r</c>, <c>g</c> and <c>b</c> columns (0–255, rounded) colour them — and, being numbers about
/// the items, they are features too (a colour table read this way is embedded by its channels);</item>
/// <item>otherwise items are coloured by the first principal component of the standardised features.</item>
/// </list>
/// Column names are matched without case. Blank lines are skipped. Every error names the file, the line and the field.
/// </summary>
public static class ItemTableReader
{
    private const string Expected = "expected a header with a 'name' column and numeric feature columns, such as 'name,weight,height'";

    public static ItemTable Read(string path)
    {
        return Parse(TextFile.ReadUtf8(path, "the item table"), path);
    }

    public static ItemTable Parse(string text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw InputException.At(source, 0, null, $"the file is empty; {Expected}");
        }
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromText(text);
        var header = reader.Header.ColNames.Select(h => h.Trim()).ToArray();
        var nameColumn = CsvFields.Find(header, "name");
        if (nameColumn < 0)
        {
            throw InputException.At(source, 1, null, $"no 'name' column in the header '{string.Join(',', header)}'; {Expected}");
        }
        var hexColumn = CsvFields.Find(header, "hex");
        int[] rgbColumns = [CsvFields.Find(header, "r"), CsvFields.Find(header, "g"), CsvFields.Find(header, "b")];
        var colourByRgb = hexColumn < 0 && rgbColumns.All(c => c >= 0);
        var featureColumns = Enumerable.Range(0, header.Length).Where(c => c != nameColumn && c != hexColumn).ToArray();
        if (featureColumns.Length == 0)
        {
            throw InputException.At(source, 1, null, $"no feature columns besides 'name'{(hexColumn >= 0 ? " and 'hex'" : "")}; {Expected}");
        }

        var names = new List<string>();
        var raw = new List<double>();
        var colours = new List<(byte R, byte G, byte B)>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
            {
                continue;
            }
            var name = CsvFields.Get(row, header, nameColumn, source, line);
            if (name.Trim().Length == 0)
            {
                throw InputException.At(source, line, header[nameColumn], "empty; expected an item name");
            }
            names.Add(name);
            foreach (var column in featureColumns)
            {
                raw.Add(Number(CsvFields.Get(row, header, column, source, line), header[column], source, line));
            }
            if (hexColumn >= 0)
            {
                var hex = CsvFields.Get(row, header, hexColumn, source, line);
                if (!HexColour.TryParse(hex, out var r, out var g, out var b))
                {
                    throw InputException.At(source, line, header[hexColumn], $"'{hex}' is not six hex digits (#RRGGBB or RRGGBB)");
                }
                colours.Add((r, g, b));
            }
            else if (colourByRgb)
            {
                colours.Add((Channel(row, header, rgbColumns[0], source, line), Channel(row, header, rgbColumns[1], source, line),
                    Channel(row, header, rgbColumns[2], source, line)));
            }
        }
        if (names.Count == 0)
        {
            throw InputException.At(source, 0, null, "no items after the header; expected at least two rows");
        }
        var featureNames = featureColumns.Select(c => header[c]).ToArray();
        var colouredBy = hexColumn >= 0 ? "hex" : "r,g,b";
        return ItemTable.Create(names, raw.ToArray(), featureNames, source, colours.Count > 0 ? colours : null, colouredBy);
    }


    private static double Number(string text, string field, string source, int line)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw InputException.At(source, line, field, $"'{text}' is not a number");
        }
        return value;
    }

    private static byte Channel(SepReader.Row row, string[] header, int column, string source, int line)
    {
        var value = Number(CsvFields.Get(row, header, column, source, line), header[column], source, line);
        if (value is < 0 or > 255)
        {
            throw InputException.At(source, line, header[column], $"{value.ToString(CultureInfo.InvariantCulture)} is not a channel value 0-255");
        }
        return (byte)Math.Round(value);
    }
}
