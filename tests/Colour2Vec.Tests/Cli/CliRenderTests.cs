namespace Colour2Vec.Tests.Cli;

public sealed class CliRenderTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Render_Draws_A_Saved_Run_Again_Without_Retraining()
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        Assert.Equal(0, Run("--out", run, "--pairs", "2000", "--heldout-pairs", "500", "--epochs", "4", "--no-render", "-q").Code);
        var model = File.ReadAllBytes(Path.Combine(run, "model.json"));
        var (code, output, error) = Run("render", run, "--size", "320x240", "--frames", "10");
        Assert.True(code == 0, error);
        Assert.Contains("embedding.png", output);
        Assert.True(File.Exists(Path.Combine(run, "training.gif")));
        Assert.True(File.Exists(Path.Combine(run, "explorer.html")));
        Assert.Equal(model, File.ReadAllBytes(Path.Combine(run, "model.json")));
    }

    [Theory]
    [InlineData("nowhere", null, "no such folder")]
    [InlineData("run", "delete", "snapshots.bin: missing")]
    [InlineData("run", "truncate", "truncated or corrupt")]
    [InlineData("run", "size", "--size: '801x600' is not WxH")]
    public void Render_Refuses_Bad_Input_In_One_Line_And_Keeps_Earlier_Pictures(string target, string? damage, string expected)
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        Assert.Equal(0, Run("--out", run, "--pairs", "2000", "--heldout-pairs", "500", "--epochs", "3", "--no-render", "-q").Code);
        File.WriteAllText(Path.Combine(run, "embedding.png"), "earlier picture");
        var snapshots = Path.Combine(run, "snapshots.bin");
        if (damage == "delete")
        {
            File.Delete(snapshots);
        }
        if (damage == "truncate")
        {
            var bytes = File.ReadAllBytes(snapshots);
            File.WriteAllBytes(snapshots, bytes[..^5]);
        }
        var args = new List<string> { "render", folder.File(target) };
        if (damage == "size")
        {
            args.AddRange(["--size", "801x600"]);
        }
        var (code, _, error) = Run([.. args]);
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error);
        Assert.Equal("earlier picture", File.ReadAllText(Path.Combine(run, "embedding.png")));
    }
}
