using Colour2Vec.Storage;

namespace Colour2Vec.Rendering;

/// <summary>What rendering produced: <see cref="VideoSkipped"/> says why there is no MP4, when there is none; <see cref="Seconds"/> times each part.</summary>
public sealed record RenderResult(string? VideoSkipped, IReadOnlyDictionary<string, double> Seconds);

/// <summary>
/// The pictures of a run: <c>embedding.png</c> (the final map), <c>training.gif</c> and <c>training.mp4</c> (the
/// map forming, one rendering pass for both), and <c>explorer.html</c> (replay and explore in a browser). All
/// are staged in the output and appear only when the whole run's files are committed.
/// </summary>
public static class Renderer
{
    public const string Picture = "embedding.png";
    public const string Animation = "training.gif";
    public const string Video = "training.mp4";
    public const string Explorer = "explorer.html";

    public static RenderResult Stage(RenderInput input, RenderOptions options, StagedOutput output)
    {
        options.Validate();
        if (input.Snapshots.Count == 0)
        {
            throw new InputException("there are no snapshots to render; expected at least one trained epoch");
        }
        var seconds = new Dictionary<string, double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plane = PlaneSeries.From(input.Snapshots);
        var last = plane.Count - 1;
        using (var figure = new EmbeddingFigure(input.Colours, options.PictureWidth, options.PictureHeight, plane.XLabel, plane.YLabel))
        {
            var xy = plane.Points(last).ToArray();
            var png = figure.Png(xy, AnimationView.Fit(xy, figure.Aspect), PictureTitle(input, plane));
            output.Add(Picture, stream => stream.Write(png));
        }
        seconds[Picture] = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var ffmpeg = options.Video ? options.Ffmpeg ?? FfmpegVideo.Find(options.SearchPath) : null;
        string? skipped = null;
        if (ffmpeg is null)
        {
            skipped = options.Video ? "ffmpeg is not on the PATH (install it, e.g. apt-get install ffmpeg)" : "video turned off";
            output.AddFile(Animation, gifPath => AnimationWriter.Write(input, plane, options, gifPath, null, null));
        }
        else
        {
            output.AddFile(Animation, gifPath =>
                output.AddFile(Video, videoPath => AnimationWriter.Write(input, plane, options, gifPath, videoPath, ffmpeg)));
        }

        seconds[Animation] = clock.Elapsed.TotalSeconds;
        clock.Restart();
        output.AddText(Explorer, writer => ExplorerPage.Write(writer,
            new ExplorerInput(input.Colours, plane, input.History, input.Title) { Facts = input.Facts }));
        seconds[Explorer] = clock.Elapsed.TotalSeconds;
        return new RenderResult(skipped, seconds);
    }

    private static string PictureTitle(RenderInput input, PlaneSeries plane)
    {
        var epoch = plane.Epochs[^1];
        var metrics = input.History.LastOrDefault(m => m.Epoch == epoch);
        var auc = metrics is null || double.IsNaN(metrics.HeldOutAuc) ? "" : FormattableString.Invariant($" · held-out AUC {metrics.HeldOutAuc:F3}");
        return $"{input.Colours.Count:N0} colours after epoch {epoch}{auc}";
    }
}
