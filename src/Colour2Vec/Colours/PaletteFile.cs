using System.Text;
using System.Text.Json;

namespace Colour2Vec.Colours;

/// <summary>
/// Reads palettes, in one of two layouts chosen by the file's first non-blank character:
/// <list type="bullet">
/// <item><c>[</c>: JSON, an array of arrays of hex strings — the layout of <c>1000.json</c> in the npm package
/// <c>nice-color-palettes</c>: <c>[["#69d2e7","#a7dbd8","#e0e4cc"],["#fe4365","#fc9d9a"]]</c>. JSON comments are
/// allowed.</item>
/// <item>anything else: text, one palette per line, hex colours separated by commas and/or spaces
/// (<c>#69d2e7, #a7dbd8 e0e4cc</c>). Blank lines are skipped. A comment line starts with <c>//</c>; a line starting
/// with <c>#</c> is not a comment, because <c>#</c> starts a hex colour.</item>
/// </list>
/// Colours are <c>#RRGGBB</c> or <c>RRGGBB</c> (<see cref="HexColour"/>). A palette with fewer than two colours
/// cannot give a pair, so it is skipped and counted in <see cref="PaletteSet.SkippedShort"/> rather than being an
/// error. Every error is one line naming the file and line (and, for JSON, the palette's index and the colour's
/// position in it, both from 0).
/// </summary>
public static class PaletteFile
{
    private const string ExpectedLayout =
        "expected a JSON array of arrays of hex strings ([[\"#69d2e7\",\"#a7dbd8\"],...]) or one palette per line (#69d2e7, #a7dbd8)";

    private const string ExpectedHex = "expected #RRGGBB or RRGGBB";

    /// <summary>Reads a palette file; the file must be UTF-8 (a BOM is allowed).</summary>
    public static PaletteSet Read(string path)
    {
        return Parse(TextFile.ReadUtf8(path, "the palettes"), path);
    }

    /// <summary>Parses palettes from text; <paramref name="source"/> names it in errors.</summary>
    public static PaletteSet Parse(string text, string source)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            throw InputException.At(source, 0, null, $"the file is empty; {ExpectedLayout}");
        }
        var palettes = new List<(byte R, byte G, byte B)[]>();
        var skipped = start[0] == '['
            ? ParseJson(text, source, palettes)
            : ParseLines(text, source, palettes);
        if (palettes.Count == 0)
        {
            throw InputException.At(source, 0, null,
                $"no palettes with two or more colours ({skipped} skipped with fewer); {ExpectedLayout}");
        }
        return new PaletteSet(palettes, source, skipped);
    }

    private static int ParseLines(string text, string source, List<(byte R, byte G, byte B)[]> palettes)
    {
        var skipped = 0;
        var lineNumber = 0;
        var colours = new List<(byte R, byte G, byte B)>();
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.AsSpan().Trim();
            if (line.IsEmpty || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (lineNumber == 1 && line[0] == '{')
            {
                throw InputException.At(source, 1, null, $"a JSON object; {ExpectedLayout}");
            }
            colours.Clear();
            foreach (var token in line.ToString().Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!HexColour.TryParse(token, out var r, out var g, out var b))
                {
                    throw InputException.At(source, lineNumber, null,
                        $"'{Shorten(token)}' is not a hex colour; {ExpectedHex}, separated by commas or spaces");
                }
                colours.Add((r, g, b));
            }
            skipped += Keep(colours, palettes);
        }
        return skipped;
    }

    private static int ParseJson(string text, string source, List<(byte R, byte G, byte B)[]> palettes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var skipped = 0;
        var colours = new List<(byte R, byte G, byte B)>();
        try
        {
            reader.Read(); // the opening '[' that chose this layout
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw InputException.At(source, LineOf(bytes, reader.TokenStartIndex), null,
                        $"palette [{index}] is {Describe(reader.TokenType)}, not an array of hex strings; {ExpectedLayout}");
                }
                colours.Clear();
                for (var position = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; position++)
                {
                    var line = LineOf(bytes, reader.TokenStartIndex);
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw InputException.At(source, line, null,
                            $"palette [{index}], colour [{position}] is {Describe(reader.TokenType)}, not a string; {ExpectedHex} in quotes");
                    }
                    var value = reader.GetString() ?? "";
                    if (!HexColour.TryParse(value, out var r, out var g, out var b))
                    {
                        throw InputException.At(source, line, null,
                            $"palette [{index}], colour [{position}]: '{Shorten(value)}' is not a hex colour; {ExpectedHex}");
                    }
                    colours.Add((r, g, b));
                }
                skipped += Keep(colours, palettes);
            }
            while (reader.Read())
            {
                // Reading to the end makes the reader report anything after the closing ']'.
            }
        }
        catch (JsonException e)
        {
            // The reader's positions count from 0; editors count lines and columns from 1.
            var line = (e.LineNumber ?? -1) + 1;
            var column = e.BytePositionInLine is { } position ? $" at byte {position + 1} of the line" : "";
            throw InputException.At(source, line, null, $"malformed JSON{column}: {Reason(e.Message)}");
        }
        return skipped;
    }

    private static int Keep(List<(byte R, byte G, byte B)> colours, List<(byte R, byte G, byte B)[]> palettes)
    {
        if (colours.Count < 2)
        {
            return 1;
        }
        palettes.Add(colours.ToArray());
        return 0;
    }

    private static long LineOf(byte[] bytes, long offset) => bytes.AsSpan(0, (int)offset).Count((byte)'\n') + 1;

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    // The reader appends its own 0-based "LineNumber: … | BytePositionInLine: …", which the 1-based prefix replaces.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
