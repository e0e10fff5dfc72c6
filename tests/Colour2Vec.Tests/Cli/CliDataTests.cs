using System.Text.Json;

namespace Colour2Vec.Tests.Cli;

/// <summary>Training from any item table and from a file of labelled pairs, end to end.</summary>
public sealed class CliDataTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    private static string ItemsCsv()
    {
        var random = new Random(4);
        var rows = Enumerable.Range(0, 60).Select(i => $"item {i},{random.Next(100)},{random.NextDouble() * 3:F3},{(i % 2 == 0 ? 1 : 5)}");
        return "name,weight,height,group\n" + string.Join('\n', rows) + "\n";
    }

    [Fact]
    public void An_Item_Table_Trains_With_The_Threshold_Rule_And_Reports_It()
    {
        using var folder = new TempFolder();
        var items = folder.Write("items.csv", ItemsCsv());
        var (code, output, error) = Run("--items", items, "--threshold", "1.5", "--pairs", "3000", "--heldout-pairs", "500",
            "--epochs", "3", "--out", folder.File("out"), "--size", "320x240", "--frames", "3");
        Assert.True(code == 0, error);
        Assert.Contains("3 standardised features (weight, height, group)", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("out"), "report.json")));
        Assert.Equal("items", report.RootElement.GetProperty("data_kind").GetString());
        Assert.Equal(1.5, report.RootElement.GetProperty("data_figures").GetProperty("threshold").GetDouble());
        Assert.Equal(60, report.RootElement.GetProperty("colours").GetInt32());
        Assert.True(File.Exists(Path.Combine(folder.File("out"), "embedding.png")));
    }

    [Fact]
    public void A_Pairs_File_Trains_On_Its_Rows_With_A_Tenth_Held_Out()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 400).Select(k => $"c{k % 20},c{(k * 7) % 20},{((k % 20) / 10 == ((k * 7) % 20) / 10 ? 1 : 0)}");
        var pairs = folder.Write("pairs.csv", "a,b,label\n" + string.Join('\n', rows) + "\n");
        var (code, _, error) = Run("--pairs-file", pairs, "--epochs", "3", "--out", folder.File("out"), "--no-render");
        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("out"), "report.json")));
        Assert.Equal("pairs-file", report.RootElement.GetProperty("data_kind").GetString());
        Assert.Equal(20, report.RootElement.GetProperty("colours").GetInt32());
        Assert.Equal(40, report.RootElement.GetProperty("heldout_pairs").GetInt32());
    }

    [Theory]
    [InlineData("items", "name,weight\na,1\nb,x\n", "field 'weight'")]
    [InlineData("items", "name,weight\na,1\nb,1\n", "weight")]
    [InlineData("pairs", "a,b,label\nred,blue,2\n", "label")]
    [InlineData("pairs", "a,b,label\nred,nosuch,1\n", "nosuch")]
    public void Bad_Items_And_Pairs_Files_Are_Refused_With_Nothing_Written(string kind, string text, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write("input.csv", text);
        var table = folder.Write("colours.csv", "name,hex\nred,#ff0000\nblue,#0000ff\n");
        string[] args = kind == "items"
            ? ["--items", path, "--out", folder.File("out")]
            : ["--pairs-file", path, "--colours", table, "--out", folder.File("out")];
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(folder.File("out")));
    }
}
