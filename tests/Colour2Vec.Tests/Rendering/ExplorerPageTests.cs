using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Colour2Vec.Colours;
using Colour2Vec.Rendering;
using Xunit.Abstractions;

namespace Colour2Vec.Tests.Rendering;

public sealed partial class ExplorerPageTests(ITestOutputHelper output)
{
    private static readonly ExplorerInput BuiltInRun = ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 500);

    [Fact]
    public void The_Page_Is_One_File_That_Refers_To_Nothing_Outside_Itself()
    {
        var html = ExplorerPage.Render(BuiltInRun);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Page_For_658_Colours_Over_500_Epochs_Stays_Under_5_MB()
    {
        Assert.Equal(658, BuiltInRun.Colours.Count);
        Assert.Equal(500, BuiltInRun.Plane.Count);
        var bytes = Encoding.UTF8.GetByteCount(ExplorerPage.Render(BuiltInRun));
        output.WriteLine($"658 colours × 500 epochs: {bytes:N0} bytes");
        Assert.InRange(bytes, 1_000_000, 5_000_000);
    }

    [Fact]
    public void The_Same_Input_Gives_The_Same_Bytes()
    {
        var first = ExplorerPage.Render(ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 50));
        var second = ExplorerPage.Render(ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 50));
        Assert.Equal(first, second);
        using var writer = new StringWriter();
        ExplorerPage.Write(writer, ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 50));
        Assert.Equal(first, writer.ToString());
    }

    [Fact]
    public void Hostile_Names_Appear_In_The_Html_Only_Escaped()
    {
        var input = ExplorerPageInputs.Synthetic(ExplorerPageInputs.BuiltInWithHostileNames(), epochs: 5);
        var html = ExplorerPage.Render(input);
        Assert.DoesNotContain(ExplorerPageInputs.ImageName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ExplorerPageInputs.ScriptName, html, StringComparison.Ordinal);
        Assert.Contains("\\u003Cimg src=x onerror=alert(1)\\u003E", html, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E\\u003Cscript\\u003Ewindow.__pwned=1;", html, StringComparison.Ordinal);
        // Exactly the template's two script elements close: the data block and the script.
        Assert.Equal(2, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Data_Block_Escapes_Markup_Characters_And_Line_Separators_And_Parses_Back()
    {
        var input = ExplorerPageInputs.Synthetic(ExplorerPageInputs.BuiltInWithHostileNames(), epochs: 3);
        var json = DataBlock(ExplorerPage.Render(input));
        Assert.Equal(-1, json.AsSpan().IndexOfAny("<>&\u2028\u2029"));
        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(input.Colours.Select(c => c.Name), names);
        var facts = document.RootElement.GetProperty("facts").EnumerateArray()
            .Select(f => (f[0].GetString(), f[1].GetString())).ToArray();
        Assert.Contains(("note <b>bold?</b>", "values are text & stay text"), facts);
    }

    [Fact]
    public void The_Points_Decode_To_Within_A_Hair_Of_The_Plane()
    {
        var input = ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 20);
        using var document = JsonDocument.Parse(DataBlock(ExplorerPage.Render(input)));
        var root = document.RootElement;
        var points = root.GetProperty("points").GetBytesFromBase64();
        var boxes = root.GetProperty("boxes").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        Assert.Equal(input.Plane.Epochs, root.GetProperty("epochs").EnumerateArray().Select(e => e.GetInt32()));
        var items = input.Plane.Items;
        for (var s = 0; s < input.Plane.Count; s++)
        {
            var plane = input.Plane.Points(s);
            for (var i = 0; i < 2 * items; i++)
            {
                var axis = i % 2;
                double min = boxes[4 * s + 2 * axis], max = boxes[4 * s + 2 * axis + 1];
                var q = BinaryPrimitives.ReadInt16LittleEndian(points.AsSpan((s * items * 2 + i) * 2));
                var decoded = min + (q + 32767) * (max - min) / 65534;
                Assert.True(Math.Abs(decoded - plane[i]) <= (max - min) / 65534 + 1e-7,
                    $"snapshot {s} value {i}: {decoded} against {plane[i]}");
            }
        }
    }

    [Fact]
    public void Small_Runs_Keep_Every_Snapshot_And_Large_Ones_An_Even_Spread_With_The_First_And_Last()
    {
        Assert.Equal(Enumerable.Range(0, 500), ExplorerPage.KeptSnapshots(500, 658));
        var kept = ExplorerPage.KeptSnapshots(500, 32_000);
        Assert.Equal(93, kept.Length);
        Assert.Equal(0, kept[0]);
        Assert.Equal(499, kept[^1]);
        Assert.All(kept.Zip(kept.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 5, 6));
        Assert.Equal([0, 499], ExplorerPage.KeptSnapshots(500, 100_000_000));
    }

    [Fact]
    public void The_Page_For_32000_Colours_Over_500_Epochs_Stays_Under_20_MB()
    {
        var html = ExplorerPage.Render(ExplorerPageInputs.Large(32_000, 500));
        var bytes = Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"32,000 colours × 500 epochs: {bytes:N0} bytes");
        Assert.InRange(bytes, 10_000_000, 20_000_000);
        Assert.Contains("\"totalSnapshots\":500", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_Values_Are_Written_As_Null_Not_As_Invalid_Json()
    {
        var input = ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 2);
        input = input with { History = [.. input.History.Select(m => m with { HeldOutAuc = double.NaN })] };
        using var document = JsonDocument.Parse(DataBlock(ExplorerPage.Render(input)));
        Assert.All(document.RootElement.GetProperty("history").GetProperty("auc").EnumerateArray(),
            value => Assert.Equal(JsonValueKind.Null, value.ValueKind));
    }

    [Fact]
    public void A_Plane_That_Does_Not_Match_The_Table_Is_Refused()
    {
        var input = ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 2);
        var shorter = new ColourTable(input.Colours.Take(10), "short");
        var error = Assert.Throws<ArgumentException>(() => ExplorerPage.Render(input with { Colours = shorter }));
        Assert.Contains("658 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Page_Assets_Are_Embedded_In_The_Library()
    {
        var names = typeof(ExplorerPage).Assembly.GetManifestResourceNames();
        Assert.Contains("Colour2Vec.Rendering.explorer/explorer.html", names);
        Assert.Contains("Colour2Vec.Rendering.explorer/explorer.main.js", names);
    }

    /// <summary>The text of the page's JSON data block.</summary>
    internal static string DataBlock(string html)
    {
        const string open = "<script type=\"application/json\" id=\"colour2vec-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    /// <summary>A src or href attribute, or a CSS url(), that points anywhere but a data: URL or a fragment.</summary>
    [GeneratedRegex("""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?!data:|#)[^"'\s>)]""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
