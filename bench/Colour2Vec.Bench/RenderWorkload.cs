using System.Diagnostics;
using Colour2Vec.Rendering;
using Colour2Vec.Storage;

namespace Colour2Vec.Bench;

/// <summary>
/// <c>render DIR [--size WxH] [--no-video] [--repeats N]</c>: times drawing a finished run's PNG, GIF, MP4 and HTML (the
/// side-by-side script compares it with matplotlib's FuncAnimation on the same snapshots). Prints one JSON line per run.
/// </summary>
public static class RenderWorkload
{
    public static int Run(string[] args)
    {
        var folder = args[0];
        var repeats = args.Contains("--repeats") ? int.Parse(args[Array.IndexOf(args, "--repeats") + 1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var options = new RenderOptions { Video = !args.Contains("--no-video") };
        if (args.Contains("--size"))
        {
            var (width, height) = RenderOptions.ParseSize(args[Array.IndexOf(args, "--size") + 1]);
            options = options with { Width = width, Height = height };
        }
        for (var r = 0; r < repeats; r++)
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"colour2vec-render-bench-{Environment.ProcessId}");
            Directory.CreateDirectory(scratch);
            var clock = Stopwatch.StartNew();
            var input = RunFolder.LoadForRendering(folder);
            var load = clock.Elapsed.TotalSeconds;
            using (var output = new StagedOutput(scratch))
            {
                var result = Renderer.Stage(input, options, output);
                output.Commit();
                var seconds = clock.Elapsed.TotalSeconds;
                var sizes = output.Files.ToDictionary(f => Path.GetFileName(f), f => new FileInfo(f).Length);
                Console.WriteLine(FormattableString.Invariant(
                    $"{{\"render_seconds\":{seconds:F3},\"load_seconds\":{load:F3},\"frames\":{FrameSchedule.Quadratic(input.Snapshots.Count).Length},\"video\":{(result.VideoSkipped is null ? "true" : "false")},\"parts\":{{{string.Join(",", result.Seconds.Select(kv => $"\"{kv.Key}\":{kv.Value:F3}"))}}},\"bytes\":{{{string.Join(",", sizes.Select(kv => $"\"{kv.Key}\":{kv.Value}"))}}}}}"));
            }
            Directory.Delete(scratch, recursive: true);
        }
        return 0;
    }
}
