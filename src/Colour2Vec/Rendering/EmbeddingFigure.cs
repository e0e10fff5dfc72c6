using Colour2Vec.Colours;
using ScottPlot;
using SkiaSharp;

namespace Colour2Vec.Rendering;

/// <summary>
/// The embedding drawn as ScottPlot draws it: one dot per colour in its own RGB, on a neutral grey field with
/// white grid lines, ticks on both axes, a title. One instance renders many frames (only the points, limits and
/// title change), which keeps an animation frame to a few milliseconds.
/// </summary>
public sealed class EmbeddingFigure : IDisposable
{
    private readonly Plot _plot;
    private readonly ColouredPoints _points;
    private PixelRect? _dataRect;

    public EmbeddingFigure(ColourTable colours, int width, int height, string xLabel, string yLabel)
    {
        EmbeddedFonts.Register(); // before the plot exists: its labels take the default font when created
        _plot = new Plot();
        Width = width;
        Height = height;
        _points = new ColouredPoints(colours.Select(c => (c.R8, c.G8, c.B8)).ToArray(),
            Math.Clamp(Math.Min(width, height) / 180f, 2.5f, 6f) * (colours.Count > 5000 ? 0.5f : 1f));
        _plot.FigureBackground.Color = Colors.White;
        _plot.DataBackground.Color = new ScottPlot.Color(226, 226, 226);
        _plot.Grid.MajorLineColor = Colors.White;
        _plot.Axes.Frame(false);
        _plot.XLabel(xLabel);
        _plot.YLabel(yLabel);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Width / height of the picture, used to keep the units square.</summary>
    public double Aspect => (double)Width / Height;

    /// <summary>
    /// Draws the points <paramref name="xy"/> (x0, y0, x1, y1, …) within <paramref name="limits"/>, widened so
    /// both axes have the same scale (measured on the previous drawing's data area, which barely moves).
    /// </summary>
    public void Draw(SKCanvas canvas, float[] xy, ViewLimits limits, string title)
    {
        if (_dataRect is null)
        {
            Layout(canvas, limits, title);
        }
        var square = Square(limits, _dataRect!.Value);
        Layout(canvas, square, title);
        _points.Draw(canvas, xy, _dataRect!.Value, _plot.Axes.GetLimits());
    }

    private void Layout(SKCanvas canvas, ViewLimits limits, string title)
    {
        _plot.Axes.SetLimits(limits.XMin, limits.XMax, limits.YMin, limits.YMax);
        _plot.Title(title, size: Math.Clamp(Height / 36f, 12f, 26f));
        canvas.Clear(SKColors.White);
        _plot.Render(canvas, Width, Height);
        _dataRect = _plot.LastRender.DataRect;
    }

    private static ViewLimits Square(ViewLimits limits, PixelRect dataRect)
    {
        double width = limits.XMax - limits.XMin, height = limits.YMax - limits.YMin;
        var pixelAspect = dataRect.Width / Math.Max(1.0, dataRect.Height);
        if (width / height < pixelAspect)
        {
            var grow = (height * pixelAspect - width) / 2;
            return limits with { XMin = limits.XMin - grow, XMax = limits.XMax + grow };
        }
        var growY = (width / pixelAspect - height) / 2;
        return limits with { YMin = limits.YMin - growY, YMax = limits.YMax + growY };
    }

    public void Dispose()
    {
        _points.Dispose();
        _plot.Dispose();
    }

    /// <summary>One picture as PNG bytes.</summary>
    public byte[] Png(float[] xy, ViewLimits limits, string title)
    {
        using var bitmap = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            Draw(canvas, xy, limits, title);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
