using System.Diagnostics;
using System.Globalization;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec.Bench;

/// <summary>
/// Whole workloads timed end to end, for the side-by-side script against PyTorch (bench/peer/side_by_side.py):
/// <c>workload seed [--recipe NAME] [--seeds S,…] [--epochs N] [--threads N] [--heldout-pairs N]</c> prints one JSON line per run;
/// <c>workload scale …</c> runs the 32k-colour workload (<see cref="ScaleWorkload"/>).
/// </summary>
public static class Workloads
{
    public static int Run(string[] args)
    {
        if (args.FirstOrDefault() == "scale")
        {
            return ScaleWorkload.Run(args.Skip(1).ToArray());
        }
        if (args.FirstOrDefault() == "seed")
        {
            args = args.Skip(1).ToArray();
        }
        var recipe = Recipe.Find(Option(args, "--recipe") ?? "seed") ?? throw new ArgumentException("unknown recipe");
        var seeds = (Option(args, "--seeds") ?? "0").Split(',').Select(int.Parse).ToArray();
        var epochs = int.Parse(Option(args, "--epochs") ?? "500", CultureInfo.InvariantCulture);
        var learningRate = Option(args, "--lr") is { } lr ? float.Parse(lr, CultureInfo.InvariantCulture) : (float?)null;
        var repeats = int.Parse(Option(args, "--repeats") ?? "1", CultureInfo.InvariantCulture);
        int? threads = Option(args, "--threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
        var heldOutPairs = int.Parse(Option(args, "--heldout-pairs") ?? "20000", CultureInfo.InvariantCulture);
        // As the command line does: the one-thread step compiles while the table is read and the pairs are sampled.
        Trainer.CompileAhead(new TrainingOptions { Recipe = recipe });
        var colours = ColourTable.BuiltIn();
        foreach (var seed in seeds)
        {
            for (var r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                var training = SimilarityPairSampler.SampleTraining(colours, 100_000, seed);
                var heldOut = heldOutPairs > 0 ? SimilarityPairSampler.SampleHeldOut(colours, heldOutPairs, seed) : null;
                var sampling = clock.Elapsed.TotalSeconds;
                var result = Trainer.Train(colours.Count, training, heldOut,
                    new TrainingOptions { Recipe = recipe, Seed = seed, Epochs = epochs, LearningRate = learningRate, Threads = threads });
                var last = result.Last!;
                Console.WriteLine(FormattableString.Invariant(
                    $"{{\"recipe\":\"{recipe.Name}\",\"seed\":{seed},\"colours\":{colours.Count},\"epochs\":{epochs},\"sampling_seconds\":{sampling:F3},\"train_seconds\":{result.TrainSeconds:F3},\"first_epoch_seconds\":{result.History[0].Seconds:F3},\"loss\":{last.Loss:F4},\"heldout_loss\":{last.HeldOutLoss:F4},\"heldout_auc\":{last.HeldOutAuc:F4},\"weight\":{result.Model.Weight:F3},\"threads\":{result.Threads},\"optimizer\":\"{result.Optimizer}\",\"peak_mb\":{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}}}"));
            }
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
