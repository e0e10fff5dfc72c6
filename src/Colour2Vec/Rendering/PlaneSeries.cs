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
        var final = new double[items * dims];
        var lastSnapshot = snapshots[snapshots.Count - 1];
        for (var k = 0; k < final.Length; k++)
        {
            final[k] = lastSnapshot[k];
        }
        var mean = PrincipalComponents.Mean(final, dims);
        var (axes, variances) = PrincipalComponents.Axes(final, dims, mean);
        var total = variances.Sum();
        var explained = total > 0 ? (variances[0] + variances[1]) / total : 1;
        for (var s = 0; s < snapshots.Count; s++)
        {
            var source = snapshots[s];
            for (var i = 0; i < items; i++)
            {
                double x = 0, y = 0;
                for (var t = 0; t < dims; t++)
                {
                    var centred = source[i * dims + t] - mean[t];
                    x += centred * axes[t];
                    y += centred * axes[dims + t];
                }
                xy[(s * items + i) * 2] = (float)x;
                xy[(s * items + i) * 2 + 1] = (float)y;
            }
        }
        return new PlaneSeries(items, snapshots.Epochs, xy, "principal component 1", "principal component 2", explained);
    }
}
