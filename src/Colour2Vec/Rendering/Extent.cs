namespace Colour2Vec.Rendering;

/// <summary>The bounding box of points stored as x0, y0, x1, y1, …</summary>
internal static class Extent
{
    public static (double XMin, double XMax, double YMin, double YMax) Of(ReadOnlySpan<float> xy)
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        for (var k = 0; k + 1 < xy.Length; k += 2)
        {
            xMin = Math.Min(xMin, xy[k]);
            xMax = Math.Max(xMax, xy[k]);
            yMin = Math.Min(yMin, xy[k + 1]);
            yMax = Math.Max(yMax, xy[k + 1]);
        }
        return xy.Length < 2 ? (-1, 1, -1, 1) : (xMin, xMax, yMin, yMax);
    }
}
