using System.Text.Json;
using Colour2Vec.Tests.Rendering;

namespace Colour2Vec.Tests.Cli;

public sealed class CliTests
{
    private const string TinyTable = "name,r,g,b\nblack,0,0,0\nwhite,255,255,255\ngrey,128,128,128\nred,255,0,0\ndark red,139,0,0\nnavy,0,0,128\nsky,135,206,235\n";

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Train_On_A_Tiny_Table_Writes_Every_Output_And_Reports()
    {
        using var folder = new TempFolder();
        var table = folder.Write("colours.csv", TinyTable);
        var outDir = folder.File("out");
        var (code, output, error) = Run("train", "--colours", table, "--out", outDir, "--pairs", "2000", "--heldout-pairs", "500", "--epochs", "5");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("Total params: 16", output);
        Assert.Contains("positive fraction", output);
        Assert.Contains("Wrote:", output);
        string[] expected = ["out/embedding.csv", "out/embedding.png", "out/explorer.html", "out/history.csv", "out/model.json",
            "out/report.json", "out/snapshots.bin", "out/training.gif", .. (Tools.HasFfmpeg ? ["out/training.mp4"] : Array.Empty<string>())];
        Assert.Equal(expected.Order(StringComparer.Ordinal), folder.FileNames().Where(f => f.StartsWith("out/", StringComparison.Ordinal)));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        foreach (var key in new[] { "colours", "pairs", "heldout_pairs", "positive_fraction", "epochs", "epochs_completed", "dims",
                     "batch", "seed", "recipe", "parameters", "train_seconds", "final_loss", "heldout_loss", "heldout_auc", "partial" })
        {
            Assert.True(report.RootElement.TryGetProperty(key, out _), key);
        }
        Assert.Equal(7, report.RootElement.GetProperty("colours").GetInt32());
        var start = report.RootElement.GetProperty("start").GetString()!;
        Assert.StartsWith("spectral: candidate ", start, StringComparison.Ordinal);
        Assert.Contains("Start: the candidate maps of the positive pairs' eigenmap train", output, StringComparison.Ordinal);
        Assert.Contains("Start: spectral: candidate ", output, StringComparison.Ordinal);
        // The explorer lists it among its facts (names and values are JSON data inside the page).
        Assert.Contains(JsonSerializer.Serialize(start)[1..^1], File.ReadAllText(Path.Combine(outDir, "explorer.html")), StringComparison.Ordinal);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(outDir, "history.csv")).Length);
        Assert.DoesNotContain("Note:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_Few_Pairs_For_The_Table_Are_Pointed_Out_Before_Training()
    {
        using var folder = new TempFolder();
        var table = folder.Write("colours.csv", TinyTable);
        // 100 pairs name each of the 7 colours 28.6 times on average, under the 60 a map needs: 210 pairs would do.
        var (code, output, _) = Run("train", "--colours", table, "--out", folder.File("out"), "--pairs", "100", "--heldout-pairs", "50",
            "--epochs", "2", "--no-render");
        Assert.Equal(0, code);
        Assert.Contains("Note: 100 pairs over 7 colours name each colour 28.6 times on average; a map needs about 60 (--pairs 210 or more)",
            output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Same_Seed_Gives_Byte_Identical_Outputs()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "a", "b" })
        {
            Assert.Equal(0, Run("--out", folder.File(name), "--pairs", "5000", "--heldout-pairs", "1000", "--epochs", "3", "--seed", "11", "-q", "--no-render").Code);
        }
        foreach (var file in new[] { "embedding.csv", "snapshots.bin", "model.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.File("a"), file)), File.ReadAllBytes(Path.Combine(folder.File("b"), file)));
        }
        Assert.Equal(0, Run("--out", folder.File("c"), "--pairs", "5000", "--heldout-pairs", "1000", "--epochs", "3", "--seed", "12", "-q", "--no-render").Code);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(folder.File("a"), "embedding.csv")), File.ReadAllBytes(Path.Combine(folder.File("c"), "embedding.csv")));
    }

    [Fact]
    public void No_Render_Writes_Only_The_Training_Outputs()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Run("--out", folder.File("out"), "--pairs", "1000", "--epochs", "2", "-q", "--no-render").Code);
        Assert.Equal(["out/embedding.csv", "out/history.csv", "out/model.json", "out/report.json", "out/snapshots.bin"], folder.FileNames());
    }

    [Fact]
    public void Existing_Results_Are_Not_Overwritten_Without_Force()
    {
        using var folder = new TempFolder();
        var outDir = folder.File("out");
        Assert.Equal(0, Run("--out", outDir, "--pairs", "1000", "--epochs", "2", "-q", "--no-render").Code);
        var before = File.ReadAllBytes(Path.Combine(outDir, "embedding.csv"));
        var (code, _, error) = Run("--out", outDir, "--pairs", "1000", "--epochs", "2", "--seed", "5", "-q", "--no-render");
        Assert.Equal(2, code);
        Assert.Contains("already holds results", error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(outDir, "embedding.csv")));
        Assert.Equal(0, Run("--out", outDir, "--pairs", "1000", "--epochs", "2", "--seed", "5", "--force", "-q", "--no-render").Code);
        Assert.NotEqual(before, File.ReadAllBytes(Path.Combine(outDir, "embedding.csv")));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["--colours", "{dir}/missing.csv"], "missing.csv: cannot read the colour table" },
        { ["--colours", "{dir}/empty.csv"], "empty.csv: the file is empty" },
        { ["--colours", "{dir}/header.csv"], "header.csv: no colours after the header" },
        { ["--colours", "{dir}/unknown.csv"], "unknown.csv:1: unknown header" },
        { ["--colours", "{dir}/kaggle.csv"], "kaggle.csv:2: field 'R;G;B Dec'" },
        { ["--colours", "{dir}/hex.csv"], "hex.csv:3: field 'hex': 'fff' is not six hex digits" },
        { ["--colours", "{dir}/short.csv"], "short.csv:2: field 'g': missing" },
        { ["--colours", "{dir}/utf8.csv"], "utf8.csv:2: invalid UTF-8" },
        { ["--pairs", "0"], "--pairs: 0 is out of range" },
        { ["--epochs", "0"], "--epochs: 0 is out of range" },
        { ["--dims", "0"], "--dims: 0 is out of range" },
        { ["--batch", "0"], "--batch: 0 is out of range" },
        { ["--learning-rate", "0"], "--learning-rate: 0 is out of range" },
        { ["--learning-rate", "-1"], "--learning-rate: -1 is out of range" },
        { ["--learning-rate", "NaN"], "--learning-rate: NaN is out of range" },
        { ["--learning-rate", "Infinity"], "--learning-rate: Infinity is out of range" },
        { ["--recipe", "keras"], "--recipe: unknown recipe 'keras'; expected one of spectral-cosine, negative-cosine, seed" },
        { ["--epochs", "many"], "many" },
        { ["--out", "{dir}/afile"], "--out {dir}/afile: is a file" },
        { ["--out", "/proc/colour2vec-out"], "--out /proc/colour2vec-out: cannot be written" },
        { ["--no-such-option"], "no-such-option" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_Input_Gives_One_Line_Exit_Code_2_And_No_Output(string[] args, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("empty.csv", "");
        folder.Write("header.csv", "name,hex\n");
        folder.Write("unknown.csv", "colour,value\nx,1\n");
        folder.Write("kaggle.csv", "Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample\nx,X,1;2;3;4,01,,s\n");
        folder.Write("hex.csv", "name,hex\na,#ffffff\nb,fff\n");
        folder.Write("short.csv", "name,r,g,b\na,1\n");
        folder.Write("afile", "not a folder");
        File.WriteAllBytes(folder.File("utf8.csv"), [.. "name,r,g,b\n"u8, 0xFF, .. ",1,2,3\n"u8]);
        var before = folder.FileNames();
        var outDir = folder.File("out");
        var fullArgs = args.Select(a => a.Replace("{dir}", folder.Path, StringComparison.Ordinal))
            .Concat(args.Contains("--out") ? [] : ["--out", outDir]).Concat(["--epochs-placeholder"]).ToList();
        fullArgs.Remove("--epochs-placeholder");
        var (code, output, error) = Run([.. fullArgs]);
        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected.Replace("{dir}", folder.Path, StringComparison.Ordinal), lines[0]);
        Assert.DoesNotContain("   at ", error + output);
        Assert.Equal(before, folder.FileNames());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Help_Lists_Every_Option_With_Its_Default()
    {
        var (code, output, _) = Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--colours", "--out", "--pairs", "--heldout-pairs", "--epochs", "--dims", "--batch",
                     "--learning-rate", "--seed", "--recipe", "--force", "--quiet" })
        {
            Assert.Contains(option, output);
        }
        foreach (var value in new[] { "colour2vec-out", "100000", "20000", "500", "512", "spectral-cosine" })
        {
            Assert.Contains(value, output);
        }
    }
}
