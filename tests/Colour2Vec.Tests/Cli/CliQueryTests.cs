using System.Text.Json;

namespace Colour2Vec.Tests.Cli;

/// <summary>The commands that use a trained model (evaluate, similar, export) and training from other data.</summary>
public sealed class CliQueryTests : IClassFixture<CliQueryTests.TrainedRun>
{
    private readonly TrainedRun _run;

    public CliQueryTests(TrainedRun run) => _run = run;

    /// <summary>One small run shared by the tests in this class.</summary>
    public sealed class TrainedRun : IDisposable
    {
        public TrainedRun()
        {
            Folder = new TempFolder();
            var (code, _, error) = Run("--out", Model, "--pairs", "20000", "--heldout-pairs", "4000", "--epochs", "15", "--no-render", "-q");
            Assert.True(code == 0, error);
        }

        public TempFolder Folder { get; }
        public string Model => Folder.File("run");

        public void Dispose() => Folder.Dispose();
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Training_Writes_The_Quality_Report_With_References_And_Evaluate_Recomputes_It()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Model, "report.json")));
        var quality = report.RootElement.GetProperty("quality");
        var auc = quality.GetProperty("held_out_auc").GetDouble();
        Assert.InRange(quality.GetProperty("bayes_auc").GetDouble(), auc, 1.0);
        Assert.InRange(quality.GetProperty("random_auc").GetDouble(), 0.4, 0.6);
        Assert.Equal(report.RootElement.GetProperty("heldout_auc").GetDouble(), auc, 6);

        var (code, output, _) = Run("evaluate", _run.Model, "--json");
        Assert.Equal(0, code);
        using var evaluated = JsonDocument.Parse(output);
        Assert.Equal(auc, evaluated.RootElement.GetProperty("held_out_auc").GetDouble(), 6);
    }

    [Fact]
    public void Similar_Finds_Neighbours_By_Name_And_By_Hex()
    {
        var (code, output, _) = Run("similar", "red", "--model", _run.Model, "-k", "3", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement[0];
        Assert.Equal("red", first.GetProperty("name").GetString());
        Assert.Equal(3, first.GetProperty("neighbours").GetArrayLength());
        var byHex = Run("similar", "#fe0101", "--model", _run.Model, "-k", "2");
        Assert.Equal(0, byHex.Code);
        Assert.Contains("red #ff0000", byHex.Output);
        Assert.Contains("nearest table colour", byHex.Output);
    }

    [Theory]
    [InlineData(new[] { "similar", "oragne" }, "no colour named 'oragne' in the model; did you mean 'orange'")]
    [InlineData(new[] { "similar", " " }, "QUERY: empty")]
    [InlineData(new[] { "similar", "red", "-k", "0" }, "-k: 0 is out of range")]
    [InlineData(new[] { "similar", "red", "--model", "{dir}/nowhere" }, "no such model file")]
    [InlineData(new[] { "evaluate", "{dir}/nowhere" }, "no such model file")]
    [InlineData(new[] { "export", "{model}", "--format", "csv" }, "--format: unknown format 'csv'")]
    public void Bad_Queries_Give_One_Line_And_Exit_Code_2(string[] args, string expected)
    {
        var full = args.Select(a => a.Replace("{dir}", _run.Folder.Path, StringComparison.Ordinal).Replace("{model}", _run.Model, StringComparison.Ordinal)).ToList();
        if (full[0] == "similar" && !full.Contains("--model"))
        {
            full.AddRange(["--model", _run.Model]);
        }
        var (code, _, error) = Run([.. full]);
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Exports_Refuse_To_Replace_Files_Without_Force()
    {
        using var folder = new TempFolder();
        var path = folder.File("vectors.w2v");
        Assert.Equal(0, Run("export", _run.Model, "--format", "word2vec", "--out", path).Code);
        var lines = File.ReadAllLines(path);
        Assert.Equal($"{lines.Length - 1} 2", lines[0]);
        var before = File.ReadAllBytes(path);
        var (code, _, error) = Run("export", _run.Model, "--format", "word2vec", "--out", path);
        Assert.Equal(2, code);
        Assert.Contains("already exists; pass --force", error);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(0, Run("export", _run.Model, "--format", "projector", "--out", folder.File("projector")).Code);
        Assert.Equal(lines.Length - 1, File.ReadAllLines(Path.Combine(folder.File("projector"), "vectors.tsv")).Length);
    }

    [Fact]
    public void Palettes_Train_End_To_End_And_Report_Coverage_And_Recall()
    {
        using var folder = new TempFolder();
        var palettes = folder.Write("palettes.json", "[" + string.Join(",", Enumerable.Range(0, 40).Select(p =>
            "[" + string.Join(",", Enumerable.Range(0, 5).Select(s => $"\"#{(p * 37 + s * 11) % 256:x2}{(p * 53) % 256:x2}{(s * 60) % 256:x2}\"")) + "]")) + ",[\"#ffffff\"]]");
        var (code, output, error) = Run("--palettes", palettes, "--out", folder.File("out"), "--epochs", "5", "--no-render");
        Assert.True(code == 0, error);
        Assert.Contains("1 with fewer than two colours skipped", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("out"), "report.json")));
        Assert.Equal("palettes", report.RootElement.GetProperty("data_kind").GetString());
        var figures = report.RootElement.GetProperty("data_figures");
        Assert.Equal(40, figures.GetProperty("palettes").GetDouble());
        Assert.True(figures.TryGetProperty("heldout_recall_at_10_embedding", out _));
        Assert.True(figures.TryGetProperty("heldout_recall_at_10_rgb", out _));
    }

    [Theory]
    [InlineData("[[\"#ffffff\",\"#000000\"],[\"#12345\",\"#000000\"]]", "palette [1], colour [0]: '#12345' is not a hex colour")]
    [InlineData("[[\"#ffffff\",", "malformed JSON")]
    public void Bad_Palette_Files_Are_Refused_With_Nothing_Written(string text, string expected)
    {
        using var folder = new TempFolder();
        var palettes = folder.Write("palettes.json", text);
        var (code, _, error) = Run("--palettes", palettes, "--out", folder.File("out"), "--epochs", "2");
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(folder.File("out")));
    }
}
