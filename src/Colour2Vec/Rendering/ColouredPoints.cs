using ScottPlot;
using SkiaSharp;

namespace Colour2Vec.Rendering;

/// <summary>
/// Draws every point in its own colour (the seed's <c>scatter(color=rgb)</c>; ScottPlot's scatter has one colour
/// per series) straight onto the canvas after ScottPlot has drawn the axes: as a plottable it was drawn several
/// times per frame. A slightly larger grey disc under each dot keeps white and near-white colours visible.
/// </summary>
internal sealed class ColouredPoints : IDisposable
{
    private readonly SKImage[] _sprites;
    private readonly float _half;

    public ColouredPoints(IReadOnlyList<(byte R, byte G, byte B)> colours, float radius)
    {
        // Each colour's dot is rasterised once, anti-aliased, and then copied per frame: a blit costs a fraction
        // of drawing two anti-aliased circles, and the dots land on whole pixels, which the eye does not notice.
        var size = (int)MathF.Ceiling(2 * (radius + 1.5f));
        _half = size / 2f;
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = new SKColor(110, 110, 110) };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        _sprites = colours.Select(c =>
        {
            using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.Transparent);
                canvas.DrawCircle(_half, _half, radius + 0.8f, outline);
                fill.Color = new SKColor(c.R, c.G, c.B);
                canvas.DrawCircle(_half, _half, radius, fill);
            }
            return SKImage.FromBitmap(bitmap);
        }).ToArray();
    }

    /// <summary>Draws x0, y0, x1, y1, … mapped from <paramref name="limits"/> onto <paramref name="dataRect"/>.</summary>
    public void Draw(SKCanvas canvas, ReadOnlySpan<float> xy, PixelRect dataRect, AxisLimits limits)
    {
        double xScale = dataRect.Width / (limits.Right - limits.Left), yScale = dataRect.Height / (limits.Top - limits.Bottom);
        var count = Math.Min(_sprites.Length, xy.Length / 2);
        canvas.Save();
        canvas.ClipRect(new SKRect(dataRect.Left, dataRect.Top, dataRect.Right, dataRect.Bottom));
        for (var i = 0; i < count; i++)
        {
            var px = (float)(dataRect.Left + (xy[2 * i] - limits.Left) * xScale);
            var py = (float)(dataRect.Bottom - (xy[2 * i + 1] - limits.Bottom) * yScale);
            canvas.DrawImage(_sprites[i], MathF.Round(px - _half), MathF.Round(py - _half));
        }
        canvas.Restore();
    }

    public void Dispose()
    {
        foreach (var sprite in _sprites)
        {
            sprite.Dispose();
        }
    }
}
