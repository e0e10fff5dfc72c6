namespace Colour2Vec.Colours;

/// <summary>A named colour; channels are normalised to [0, 1] as in the seed (value / 255).</summary>
public sealed record Colour(string Name, float R, float G, float B)
{
    /// <summary>Builds a colour from 0–255 channel values.</summary>
    public static Colour FromBytes(string name, byte r, byte g, byte b) => new(name, r / 255f, g / 255f, b / 255f);

    /// <summary>The colour as <c>#rrggbb</c>.</summary>
    public string Hex => $"#{ToByte(R):x2}{ToByte(G):x2}{ToByte(B):x2}";

    public byte R8 => ToByte(R);
    public byte G8 => ToByte(G);
    public byte B8 => ToByte(B);

    private static byte ToByte(float channel) => (byte)Math.Clamp(MathF.Round(channel * 255f), 0f, 255f);
}
