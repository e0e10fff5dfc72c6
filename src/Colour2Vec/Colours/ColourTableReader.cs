using System.Globalization;
using nietras.SeparatedValues;

namespace Colour2Vec.Colours;

/// <summary>
/// Reads colour tables. The header picks the layout (<see cref="ColourTableLayout"/>); every error names the
/// file, the line and the field and says what was expected.
/// </summary>
public static class ColourTableReader
{
    /// <summary>The headers a table may start with, as shown to users in errors and help.</summary>
    public const string AcceptedHeaders =
        "'Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample' (Kaggle), 'name,r,g,b' (0-255) or 'name,hex' (#RRGGBB)";

    public static ColourTable ReadFile(string path)
    {
        return Parse(TextFile.ReadUtf8(path, "the colour table"), path);
    }

    public static ColourTable Parse(string text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw InputException.At(source, 0, null, $"the file is empty; expected a header, one of {AcceptedHeaders}");
        }
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true })
            .FromText(text);
        var header = reader.Header.ColNames;
        var layout = DetectLayout(header)
            ?? throw InputException.At(source, 1, null,
                $"unknown header '{string.Join(',', header)}'; expected one of {AcceptedHeaders}");
        var colours = new List<Colour>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
            {
                continue;
            }
            var colour = layout switch
            {
                ColourTableLayout.Kaggle => ReadKaggle(row, header, source, line),
                ColourTableLayout.NameRgb => ReadNameRgb(row, header, source, line),
                _ => ReadNameHex(row, header, source, line),
            };
            if (colour is not null)
            {
                colours.Add(colour);
            }
        }
        if (colours.Count == 0)
        {
            throw InputException.At(source, 0, null, "no colours after the header; expected at least one row");
        }
        return new ColourTable(colours, source);
    }

    internal static ColourTableLayout? DetectLayout(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (names.Contains("color name") && names.Contains("r;g;b dec"))
        {
            return ColourTableLayout.Kaggle;
        }
        if (names.Length >= 4 && names[0] == "name" && names.Contains("r") && names.Contains("g") && names.Contains("b"))
        {
            return ColourTableLayout.NameRgb;
        }
        if (names.Length >= 2 && names[0] == "name" && names.Contains("hex"))
        {
            return ColourTableLayout.NameHex;
        }
        return null;
    }

    private static string Field(SepReader.Row row, IReadOnlyList<string> header, string name, string source, int line) =>
        CsvFields.Get(row, header, CsvFields.Find(header, name), source, line);

    private static Colour? ReadKaggle(SepReader.Row row, IReadOnlyList<string> header, string source, int line)
    {
        var name = Field(row, header, "Color Name", source, line);
        if (name.Length == 0)
        {
            return null; // the seed's dropna(subset=["Color Name"])
        }
        var rgb = Field(row, header, "R;G;B Dec", source, line);
        var parts = rgb.Split(';');
        if (parts.Length != 3 || !TryChannel(parts[0], out var r) || !TryChannel(parts[1], out var g) || !TryChannel(parts[2], out var b))
        {
            throw InputException.At(source, line, "R;G;B Dec", $"'{rgb}' is not three integers 0-255 separated by ';'");
        }
        return Colour.FromBytes(name, r, g, b);
    }

    private static Colour ReadNameRgb(SepReader.Row row, IReadOnlyList<string> header, string source, int line)
    {
        var name = ReadName(row, header, source, line);
        Span<byte> channels = stackalloc byte[3];
        string[] fields = ["r", "g", "b"];
        for (var c = 0; c < 3; c++)
        {
            var text = Field(row, header, fields[c], source, line);
            if (!TryChannel(text, out channels[c]))
            {
                throw InputException.At(source, line, fields[c], $"'{text}' is not an integer 0-255");
            }
        }
        return Colour.FromBytes(name, channels[0], channels[1], channels[2]);
    }

    private static Colour ReadNameHex(SepReader.Row row, IReadOnlyList<string> header, string source, int line)
    {
        var name = ReadName(row, header, source, line);
        var hex = Field(row, header, "hex", source, line);
        if (!HexColour.TryParse(hex, out var r, out var g, out var b))
        {
            throw InputException.At(source, line, "hex", $"'{hex}' is not six hex digits (#RRGGBB or RRGGBB)");
        }
        return Colour.FromBytes(name, r, g, b);
    }

    private static string ReadName(SepReader.Row row, IReadOnlyList<string> header, string source, int line)
    {
        var name = Field(row, header, "name", source, line);
        if (name.Trim().Length == 0)
        {
            throw InputException.At(source, line, "name", "empty; expected a colour name");
        }
        return name;
    }

    private static bool TryChannel(string text, out byte value) =>
        byte.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
