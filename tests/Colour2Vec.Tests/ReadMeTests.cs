using Colour2Vec.Colours;
using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec.Tests;

/// <summary>The README's library example, run as a test; a second test keeps the README's copy identical to it.</summary>
public sealed class ReadMeTests
{
    [Fact]
    public void The_Readme_Example_Trains_A_Useful_Map()
    {
        using var console = new StringWriter();
        // README example begins
        var colours = ColourTable.BuiltIn();
        var pairs = SimilarityPairSampler.SampleTraining(colours, count: 100_000, seed: 0);
        var heldOut = SimilarityPairSampler.SampleHeldOut(colours, count: 20_000, seed: 0);
        var result = Trainer.Train(colours.Count, pairs, heldOut, new TrainingOptions { Epochs = 100 });
        console.WriteLine($"held-out AUC {result.Last!.HeldOutAuc:F3}");
        // README example ends
        Assert.StartsWith("held-out AUC 0.8", console.ToString());
        Assert.True(result.Last.HeldOutAuc >= 0.86);
    }

    [Fact]
    public void The_Readme_Shows_The_Example_Exactly()
    {
        var source = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "ReadMeTests.cs.txt"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README example begins");
        var end = Array.FindIndex(source, l => l.Trim() == "// README example ends");
        var example = source[(begin + 1)..end].Select(l => l.Trim().Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal));

        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var block = readme.Split("```csharp\n")[1].Split("```")[0];
        Assert.Equal(example, block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }
}
