namespace Colour2Vec.Rendering;

/// <summary>Axis limits of one frame.</summary>
public readonly record struct ViewLimits(double XMin, double XMax, double YMin, double YMax);

/// <summary>
/// Axis limits for every frame of the animation. The seed fixes them to the final extent, so early frames
/// show a single dot and points that overshoot leave the picture. Here each frame's limits follow the points:
/// the needed scale looks a few frames ahead, is smoothed forwards and backwards so the camera glides, and is
/// finally widened to contain every point of that frame. Units are square (equal scale on both axes).
/// </summary>
public static class AnimationView
{
    private const double Padding = 0.08;
    private const int LookAhead = 6;
    private const double Smoothing = 0.3;

    public static ViewLimits[] Compute(PlaneSeries plane, IReadOnlyList<int> frames, double aspect)
    {
        var count = frames.Count;
        var centreX = new double[count];
        var centreY = new double[count];
        var scale = new double[count];
        var needed = new double[count];
        for (var f = 0; f < count; f++)
        {
            var (xMin, xMax, yMin, yMax) = Extent.Of(plane.Points(frames[f]));
            centreX[f] = (xMin + xMax) / 2;
            centreY[f] = (yMin + yMax) / 2;
            needed[f] = HalfWidth(xMax - xMin, yMax - yMin, aspect);
        }
        for (var f = 0; f < count; f++)
        {
            var most = needed[f];
            for (var g = f + 1; g < Math.Min(count, f + LookAhead); g++)
            {
                most = Math.Max(most, needed[g]);
            }
            scale[f] = Math.Log(most);
        }
        SmoothBothWays(scale);
        SmoothBothWays(centreX);
        SmoothBothWays(centreY);
        var limits = new ViewLimits[count];
        for (var f = 0; f < count; f++)
        {
            var (xMin, xMax, yMin, yMax) = Extent.Of(plane.Points(frames[f]));
            var half = Math.Exp(scale[f]);
            // Widen (never shift) until every point is inside with the padding.
            var padX = (xMax - xMin) * Padding;
            var padY = (yMax - yMin) * Padding;
            half = Math.Max(half, Math.Max(centreX[f] - xMin + padX, xMax - centreX[f] + padX));
            half = Math.Max(half, Math.Max(centreY[f] - yMin + padY, yMax - centreY[f] + padY) * aspect);
            limits[f] = new ViewLimits(centreX[f] - half, centreX[f] + half, centreY[f] - half / aspect, centreY[f] + half / aspect);
        }
        return limits;
    }

    /// <summary>Limits for a single picture: the points' extent, padded, square units.</summary>
    public static ViewLimits Fit(ReadOnlySpan<float> xy, double aspect)
    {
        var (xMin, xMax, yMin, yMax) = Extent.Of(xy);
        var half = HalfWidth(xMax - xMin, yMax - yMin, aspect);
        double cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
        return new ViewLimits(cx - half, cx + half, cy - half / aspect, cy + half / aspect);
    }

    /// <summary>Half the x span that shows both spans, padded, at <paramref name="aspect"/> = width / height.</summary>
    private static double HalfWidth(double width, double height, double aspect) =>
        Math.Max(1e-6, (1 + 2 * Padding) * Math.Max(width, height * aspect) / 2);

    private static void SmoothBothWays(double[] values)
    {
        for (var f = 1; f < values.Length; f++)
        {
            values[f] = values[f - 1] + Smoothing * (values[f] - values[f - 1]);
        }
        for (var f = values.Length - 2; f >= 0; f--)
        {
            values[f] = values[f + 1] + Smoothing * (values[f] - values[f + 1]);
        }
    }
}
