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
    /// <summary>Widest row of the sprite sheet, in pixels.</summary>
    private const int SheetWidth = 4096;

    private readonly SKImage _sheet;
    private readonly int _size;
    private readonly int _columns;
    private readonly int _count;
    private readonly float _half;

    public ColouredPoints(IReadOnlyList<(byte R, byte G, byte B)> colours, float radius)
    {
        // Each colour's dot is rasterised once, anti-aliased, into its own cell of one sprite sheet, and then
        // copied per frame: a blit costs a fraction of drawing two anti-aliased circles, and the dots land on whole
        // pixels, which the eye does not notice. One sheet instead of an image per colour: at 31,918 colours the
        // images' native overhead came to ~50 MB per figure, and a run draws with three figures at once.
        _size = (int)MathF.Ceiling(2 * (radius + 1.5f));
        _half = _size / 2f;
        _count = colours.Count;
        _columns = Math.Max(1, Math.Min(_count, SheetWidth / _size));
        var rows = Math.Max(1, (_count + _columns - 1) / _columns);
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = new SKColor(110, 110, 110) };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var bitmap = new SKBitmap(_columns * _size, rows * _size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            for (var i = 0; i < _count; i++)
            {
                var (left, top) = Cell(i);
                var c = colours[i];
                canvas.DrawCircle(left + _half, top + _half, radius + 0.8f, outline);
                fill.Color = new SKColor(c.R, c.G, c.B);
                canvas.DrawCircle(left + _half, top + _half, radius, fill);
            }
        }
        _sheet = SKImage.FromBitmap(bitmap);
    }

    /// <summary>Draws x0, y0, x1, y1, … mapped from <paramref name="limits"/> onto <paramref name="dataRect"/>.</summary>
    public void Draw(SKCanvas canvas, ReadOnlySpan<float> xy, PixelRect dataRect, AxisLimits limits)
    {
        double xScale = dataRect.Width / (limits.Right - limits.Left), yScale = dataRect.Height / (limits.Top - limits.Bottom);
        var count = Math.Min(_count, xy.Length / 2);
        canvas.Save();
        canvas.ClipRect(new SKRect(dataRect.Left, dataRect.Top, dataRect.Right, dataRect.Bottom));
        for (var i = 0; i < count; i++)
        {
            var px = (float)(dataRect.Left + (xy[2 * i] - limits.Left) * xScale);
            var py = (float)(dataRect.Bottom - (xy[2 * i + 1] - limits.Bottom) * yScale);
            var (left, top) = Cell(i);
            var x = MathF.Round(px - _half);
            var y = MathF.Round(py - _half);
            canvas.DrawImage(_sheet, SKRect.Create(left, top, _size, _size), SKRect.Create(x, y, _size, _size));
        }
        canvas.Restore();
    }

    public void Dispose() => _sheet.Dispose();

    /// <summary>The top-left corner of colour <paramref name="i"/>'s cell in the sheet.</summary>
    private (int Left, int Top) Cell(int i) => (i % _columns * _size, i / _columns * _size);
}
