using Colour2Vec.Training;

namespace Colour2Vec.Rendering;

/// <summary>
/// Snapshots brought to the drawing plane: for d = 2 the embedding itself; for d = 1 the value against zero;
/// for d &gt; 2 the projection on the final snapshot's first two principal components (the same axes for every
/// epoch, so the animation shows movement, not rotating axes). Point i of snapshot s is
/// <c>(X(s)[i], Y(s)[i])</c>.
/// </summary>
public sealed class PlaneSeries
{
    private readonly float[] _xy;

    private PlaneSeries(int items, IReadOnlyList<int> epochs, float[] xy, string xLabel, string yLabel, double explained)
    {
        Items = items;
        Epochs = epochs;
        _xy = xy;
        XLabel = xLabel;
        YLabel = yLabel;
        ExplainedVariance = explained;
    }

    public int Items { get; }
    public IReadOnlyList<int> Epochs { get; }
    public int Count => Epochs.Count;
    public string XLabel { get; }
    public string YLabel { get; }

    /// <summary>Share of the final snapshot's variance in the two drawn axes (1 for d ≤ 2).</summary>
    public double ExplainedVariance { get; }

    /// <summary>Snapshot <paramref name="snapshot"/> as x0, y0, x1, y1, …</summary>
    public ReadOnlySpan<float> Points(int snapshot) => _xy.AsSpan(snapshot * 2 * Items, 2 * Items);

    public static PlaneSeries From(SnapshotSeries snapshots)
    {
        var items = snapshots.Items;
        var dims = snapshots.Dims;
        var xy = new float[(long)snapshots.Count * items * 2];
        if (dims <= 2)
        {
            for (var s = 0; s < snapshots.Count; s++)
            {
                var source = snapshots[s];
                for (var i = 0; i < items; i++)
                {
                    xy[(s * items + i) * 2] = source[i * dims];
                    xy[(s * items + i) * 2 + 1] = dims == 2 ? source[i * dims + 1] : 0f;
                }
            }
            return new PlaneSeries(items, snapshots.Epochs, xy, "dimension 1", dims == 2 ? "dimension 2" : "", 1);
        }
        var (mean, axes, explained) = PrincipalAxes(snapshots[snapshots.Count - 1], items, dims);
        for (var s = 0; s < snapshots.Count; s++)
        {
            var source = snapshots[s];
            for (var i = 0; i < items; i++)
            {
                double x = 0, y = 0;
                for (var t = 0; t < dims; t++)
                {
                    var centred = source[i * dims + t] - mean[t];
                    x += centred * axes[0][t];
                    y += centred * axes[1][t];
                }
                xy[(s * items + i) * 2] = (float)x;
                xy[(s * items + i) * 2 + 1] = (float)y;
            }
        }
        return new PlaneSeries(items, snapshots.Epochs, xy, "principal component 1", "principal component 2", explained);
    }

    /// <summary>The mean and the top two eigenvectors of the covariance (power iteration with deflation).</summary>
    internal static (double[] Mean, double[][] Axes, double Explained) PrincipalAxes(ReadOnlySpan<float> rows, int items, int dims)
    {
        var mean = new double[dims];
        for (var i = 0; i < items; i++)
        {
            for (var t = 0; t < dims; t++)
            {
                mean[t] += rows[i * dims + t];
            }
        }
        for (var t = 0; t < dims; t++)
        {
            mean[t] /= items;
        }
        var covariance = new double[dims, dims];
        for (var i = 0; i < items; i++)
        {
            for (var a = 0; a < dims; a++)
            {
                var da = rows[i * dims + a] - mean[a];
                for (var b = a; b < dims; b++)
                {
                    covariance[a, b] += da * (rows[i * dims + b] - mean[b]);
                }
            }
        }
        double trace = 0;
        for (var a = 0; a < dims; a++)
        {
            for (var b = 0; b < a; b++)
            {
                covariance[a, b] = covariance[b, a];
            }
            trace += covariance[a, a];
        }
        var axes = new double[2][];
        double captured = 0;
        for (var component = 0; component < 2; component++)
        {
            var vector = new double[dims];
            for (var t = 0; t < dims; t++)
            {
                vector[t] = 1.0 / Math.Sqrt(dims) * (1 + 0.01 * t); // fixed start: deterministic
            }
            double eigenvalue = 0;
            for (var iteration = 0; iteration < 500; iteration++)
            {
                var next = new double[dims];
                for (var a = 0; a < dims; a++)
                {
                    for (var b = 0; b < dims; b++)
                    {
                        next[a] += covariance[a, b] * vector[b];
                    }
                }
                var norm = Math.Sqrt(next.Sum(v => v * v));
                if (norm == 0)
                {
                    break;
                }
                eigenvalue = norm;
                for (var t = 0; t < dims; t++)
                {
                    next[t] /= norm;
                }
                var change = next.Select((v, t) => Math.Abs(v - vector[t])).Max();
                vector = next;
                if (change < 1e-12)
                {
                    break;
                }
            }
            // A sign convention so the picture does not flip between runs: the largest coordinate is positive.
            var largest = vector.Select(Math.Abs).Max();
            if (vector.First(v => Math.Abs(v) == largest) < 0)
            {
                for (var t = 0; t < dims; t++)
                {
                    vector[t] = -vector[t];
                }
            }
            axes[component] = vector;
            captured += eigenvalue;
            for (var a = 0; a < dims; a++)
            {
                for (var b = 0; b < dims; b++)
                {
                    covariance[a, b] -= eigenvalue * vector[a] * vector[b];
                }
            }
        }
        return (mean, axes, trace > 0 ? captured / trace : 1);
    }
}
