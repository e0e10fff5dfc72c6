using System.Buffers;
using SkiaSharp;

namespace Colour2Vec.Rendering;

/// <summary>One thread's figure and canvas for drawing animation frames into pooled RGBA buffers.</summary>
internal sealed class FramePainter : IDisposable
{
    private readonly PlaneSeries _plane;
    private readonly EmbeddingFigure _figure;
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly float[] _points;

    public FramePainter(RenderInput input, PlaneSeries plane, int width, int height)
    {
        _plane = plane;
        _figure = new EmbeddingFigure(input.Colours, width, height, plane.XLabel, plane.YLabel);
        _bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        _canvas = new SKCanvas(_bitmap);
        _points = new float[2 * plane.Items];
    }

    public double Aspect => _figure.Aspect;

    /// <summary>Draws snapshot <paramref name="snapshot"/>; the caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public byte[] Render(int snapshot, ViewLimits limits, string title)
    {
        _plane.Points(snapshot).CopyTo(_points);
        _figure.Draw(_canvas, _points, limits, title);
        var pixels = _bitmap.GetPixelSpan();
        var buffer = ArrayPool<byte>.Shared.Rent(pixels.Length);
        pixels.CopyTo(buffer);
        return buffer;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
        _figure.Dispose();
    }
}
