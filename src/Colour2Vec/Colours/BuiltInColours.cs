namespace Colour2Vec.Colours;

/// <summary>
/// The built-in table, embedded in the assembly: the X11 colour names from Debian's <c>/usr/share/X11/rgb.txt</c>
/// with one spelling per name, written by <c>tools/make-builtin-colours.py</c>.
/// </summary>
internal static class BuiltInColours
{
    public const string SourceName = "built-in";
    private const string ResourceName = "Colour2Vec.builtin-colours.csv";

    public static ColourTable Load()
    {
        using var stream = typeof(BuiltInColours).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return ColourTableReader.Parse(reader.ReadToEnd(), SourceName);
    }
}
