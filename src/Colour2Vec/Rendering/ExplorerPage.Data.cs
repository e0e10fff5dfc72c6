using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Colour2Vec.Rendering;

public static partial class ExplorerPage
{
    /// <summary>Characters that must never appear raw in the data block (see <see cref="DataJson"/>).</summary>
    private static readonly SearchValues<char> Unsafe = SearchValues.Create("<>&\u2028\u2029");

    /// <summary>
    /// The page's data as one JSON object:
    /// <c>title, xLabel, yLabel, names[], colours[] (#rrggbb), totalSnapshots, epochs[] (kept snapshots),
    /// boxes[] (minX, maxX, minY, maxY per kept snapshot), points (base64 int16, see <see cref="WritePoints"/>),
    /// history { epoch[], loss[], heldOutLoss[], auc[] } (NaN as null), facts[[label, value]]</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="JavaScriptEncoder.Default"/> is named on purpose: it escapes <c>&lt; &gt; &amp;</c> (so a name
    /// holding <c>&lt;/script&gt;</c> cannot end the block) and every non-ASCII character (so U+2028/U+2029 and
    /// any other exotic character travel as <c>\uXXXX</c>). The check at the end keeps that promise if someone
    /// ever swaps the encoder.
    /// </remarks>
    internal static string DataJson(ExplorerInput input)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("title", input.Title);
            json.WriteString("xLabel", input.Plane.XLabel);
            json.WriteString("yLabel", input.Plane.YLabel);
            json.WriteStartArray("names");
            foreach (var colour in input.Colours)
            {
                json.WriteStringValue(colour.Name);
            }
            json.WriteEndArray();
            json.WriteStartArray("colours");
            foreach (var colour in input.Colours)
            {
                json.WriteStringValue(colour.Hex);
            }
            json.WriteEndArray();
            WritePoints(json, input.Plane);
            WriteHistory(json, input);
            json.WriteStartArray("facts");
            foreach (var (label, value) in input.Facts)
            {
                json.WriteStartArray();
                json.WriteStringValue(label);
                json.WriteStringValue(value);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (text.AsSpan().IndexOfAny(Unsafe) >= 0)
        {
            throw new InvalidOperationException("the explorer's data block holds an unescaped <, >, & or line separator");
        }
        return text;
    }

    private static void WriteHistory(Utf8JsonWriter json, ExplorerInput input)
    {
        json.WriteStartObject("history");
        WriteSeries(json, "epoch", input.History, m => m.Epoch);
        WriteSeries(json, "loss", input.History, m => m.Loss);
        WriteSeries(json, "heldOutLoss", input.History, m => m.HeldOutLoss);
        WriteSeries(json, "auc", input.History, m => m.HeldOutAuc);
        json.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter json, string name, IReadOnlyList<Training.EpochMetrics> history,
        Func<Training.EpochMetrics, double> value)
    {
        json.WriteStartArray(name);
        foreach (var metrics in history)
        {
            WriteNumber(json, value(metrics));
        }
        json.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinity: a missing value (no held-out set, a diverged epoch) is null.</summary>
    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
