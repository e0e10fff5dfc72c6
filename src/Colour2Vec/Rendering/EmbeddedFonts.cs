using ScottPlot;
using SkiaSharp;

namespace Colour2Vec.Rendering;

/// <summary>
/// DejaVu Sans, shipped inside the assembly (Bitstream Vera licence, see Assets/fonts), so that text renders on
/// a machine without system fonts: without one, ScottPlot silently draws no text at all.
/// </summary>
internal static class EmbeddedFonts
{
    public const string Sans = "DejaVu Sans";
    private static readonly Lazy<SKTypeface> Typeface = new(Load);
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Makes <see cref="Sans"/> the default font of every ScottPlot plot (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            Fonts.FontResolvers.Insert(0, new Resolver());
            Fonts.Default = Sans;
            _registered = true;
        }
    }

    private static SKTypeface Load()
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream("Colour2Vec.Rendering.fonts/DejaVuSans.ttf")
            ?? throw new InvalidOperationException("the embedded font is missing");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("the embedded font cannot be read");
    }

    private sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Sans ? Typeface.Value : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Sans ? Typeface.Value : null;
    }
}
