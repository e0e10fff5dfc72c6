using System.Buffers.Binary;
using System.Text.Json;

namespace Colour2Vec.Rendering;

public static partial class ExplorerPage
{
    /// <summary>
    /// The most bytes of quantised points the page carries (before base64, which adds a third): 12 MB raw is
    /// 16 MB in the page, which leaves room for names, curves and script under about 20 MB.
    /// </summary>
    /// <remarks>
    /// The decimation rule: a snapshot costs <c>items × 4</c> bytes (two int16 per point). When every snapshot
    /// fits the budget all are kept — 658 colours × 500 epochs is 1.3 MB raw, 1.8 MB in the page. Otherwise
    /// the page keeps <c>max(2, budget / (items × 4))</c> snapshots spread evenly over the run, always the
    /// first and the last: 32,000 colours keep 93 of 500 (about one epoch in five). The curves are never
    /// decimated; they are small.
    /// </remarks>
    internal const long PointBudgetBytes = 12_000_000;

    /// <summary>Quantised value marking a point that is not finite (a diverged epoch); drawn as absent.</summary>
    private const short Missing = short.MinValue;

    /// <summary>Quantised values run over ±<see cref="QuantisedHalfRange"/>; −32768 is kept for <see cref="Missing"/>.</summary>
    private const int QuantisedHalfRange = short.MaxValue;

    /// <summary>The indices of the snapshots the page keeps (see <see cref="PointBudgetBytes"/>), increasing.</summary>
    internal static int[] KeptSnapshots(int count, int items)
    {
        var perSnapshot = Math.Max(1L, (long)items * 4);
        var allowed = (int)Math.Clamp(PointBudgetBytes / perSnapshot, 2, int.MaxValue);
        if (count <= allowed)
        {
            return Enumerable.Range(0, count).ToArray();
        }
        // Rounded integer spacing: index k of allowed maps to round(k·(count−1)/(allowed−1)); the step exceeds
        // one because allowed < count, so no index repeats.
        var kept = new int[allowed];
        for (var k = 0; k < allowed; k++)
        {
            kept[k] = (int)(((long)k * (count - 1) + (allowed - 1) / 2) / (allowed - 1));
        }
        return kept;
    }

    /// <summary>
    /// Writes <c>totalSnapshots</c>, <c>epochs</c>, <c>boxes</c> and <c>points</c>. Each kept snapshot is stored
    /// relative to its own bounding box: <c>q = round((v − min) / (max − min) · 65534) − 32767</c>, little-endian
    /// int16, x then y for each point, snapshot after snapshot; the page inverts it. The error is at most
    /// extent / 131068 — far below a pixel — and the box follows the map as it grows from ±0.05 to its final
    /// size, so early epochs keep their detail.
    /// </summary>
    private static void WritePoints(Utf8JsonWriter json, PlaneSeries plane)
    {
        var kept = KeptSnapshots(plane.Count, plane.Items);
        json.WriteNumber("totalSnapshots", plane.Count);
        json.WriteStartArray("epochs");
        foreach (var snapshot in kept)
        {
            json.WriteNumberValue(plane.Epochs[snapshot]);
        }
        json.WriteEndArray();
        var bytes = new byte[(long)kept.Length * plane.Items * 4];
        json.WriteStartArray("boxes");
        for (var k = 0; k < kept.Length; k++)
        {
            var points = plane.Points(kept[k]);
            var (minX, maxX, minY, maxY) = Box(points);
            json.WriteNumberValue(minX);
            json.WriteNumberValue(maxX);
            json.WriteNumberValue(minY);
            json.WriteNumberValue(maxY);
            var target = bytes.AsSpan(k * plane.Items * 4, plane.Items * 4);
            for (var i = 0; i < plane.Items; i++)
            {
                float x = points[2 * i], y = points[2 * i + 1];
                var finite = float.IsFinite(x) && float.IsFinite(y);
                BinaryPrimitives.WriteInt16LittleEndian(target[(4 * i)..], finite ? Quantise(x, minX, maxX) : Missing);
                BinaryPrimitives.WriteInt16LittleEndian(target[(4 * i + 2)..], finite ? Quantise(y, minY, maxY) : Missing);
            }
        }
        json.WriteEndArray();
        json.WriteBase64String("points", bytes);
    }

    /// <summary>The finite points' bounding box; all zero when no point is finite.</summary>
    private static (float MinX, float MaxX, float MinY, float MaxY) Box(ReadOnlySpan<float> points)
    {
        float minX = float.PositiveInfinity, maxX = float.NegativeInfinity;
        float minY = float.PositiveInfinity, maxY = float.NegativeInfinity;
        for (var i = 0; i < points.Length; i += 2)
        {
            float x = points[i], y = points[i + 1];
            if (float.IsFinite(x) && float.IsFinite(y))
            {
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }
        }
        return float.IsFinite(minX) ? (minX, maxX, minY, maxY) : (0, 0, 0, 0);
    }

    private static short Quantise(float value, float min, float max)
    {
        var extent = (double)max - min;
        if (extent <= 0)
        {
            return (short)-QuantisedHalfRange;
        }
        var scaled = Math.Round((value - (double)min) / extent * (2 * QuantisedHalfRange)) - QuantisedHalfRange;
        return (short)Math.Clamp(scaled, -QuantisedHalfRange, QuantisedHalfRange);
    }
}
