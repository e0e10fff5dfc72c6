using System.Collections;

namespace Colour2Vec.Colours;

/// <summary>
/// The items to embed. A colour's index is its row in the table (the seed's <c>num</c>); duplicates are kept.
/// </summary>
public sealed class ColourTable : IReadOnlyList<Colour>
{
    private readonly Colour[] _colours;

    public ColourTable(IEnumerable<Colour> colours, string source)
    {
        _colours = colours.ToArray();
        Source = source;
        Rgb = new float[_colours.Length * 3];
        for (var i = 0; i < _colours.Length; i++)
        {
            Rgb[3 * i] = _colours[i].R;
            Rgb[3 * i + 1] = _colours[i].G;
            Rgb[3 * i + 2] = _colours[i].B;
        }
    }

    /// <summary>Where the table came from: a path or "built-in".</summary>
    public string Source { get; }

    /// <summary>Channels row-major, three per colour, for the hot loops.</summary>
    internal float[] Rgb { get; }

    public int Count => _colours.Length;

    public Colour this[int index] => _colours[index];

    /// <summary>The built-in table: the X11 colour names (see the README for source and licence).</summary>
    public static ColourTable BuiltIn() => BuiltInColours.Load();

    /// <summary>Reads a table from a CSV file; the layout is chosen by the header.</summary>
    public static ColourTable Load(string path) => ColourTableReader.ReadFile(path);

    public IEnumerator<Colour> GetEnumerator() => ((IEnumerable<Colour>)_colours).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
