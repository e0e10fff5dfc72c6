using System.Globalization;

namespace Colour2Vec.Colours;

/// <summary>Parses and formats <c>#RRGGBB</c> colours.</summary>
public static class HexColour
{
    /// <summary>Parses <c>#RRGGBB</c> or <c>RRGGBB</c>; false when the text is anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out byte r, out byte g, out byte b)
    {
        r = g = b = 0;
        text = text.Trim();
        if (text.Length == 7 && text[0] == '#')
        {
            text = text[1..];
        }
        if (text.Length != 6)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        r = byte.Parse(text[..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        g = byte.Parse(text[2..4], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        b = byte.Parse(text[4..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return true;
    }
}
