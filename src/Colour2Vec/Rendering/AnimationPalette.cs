using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace Colour2Vec.Rendering;

/// <summary>
/// One palette for the whole animation, built by ImageSharp's Wu quantiser from sample frames stacked into
/// one image (the start, middle and end cover the point colours, their anti-aliased edges and the text).
/// </summary>
internal static class AnimationPalette
{
    public static (byte R, byte G, byte B)[] Build(IReadOnlyList<byte[]> frames, int width, int height)
    {
        var stacked = new byte[frames.Count * width * height * 4];
        for (var f = 0; f < frames.Count; f++)
        {
            frames[f].AsSpan(0, width * height * 4).CopyTo(stacked.AsSpan(f * width * height * 4));
        }
        using var image = Image.LoadPixelData<Rgba32>(stacked, width, height * frames.Count);
        var options = new QuantizerOptions { MaxColors = 255, Dither = null };
        using var quantizer = new WuQuantizer(options).CreatePixelSpecificQuantizer<Rgba32>(Configuration.Default, options);
        using var indexed = quantizer.BuildPaletteAndQuantizeFrame(image.Frames.RootFrame, image.Bounds());
        return indexed.Palette.ToArray().Select(c => (c.R, c.G, c.B)).ToArray();
    }
}
