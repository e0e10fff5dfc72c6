using System.Diagnostics;
using Colour2Vec.Rendering;
using Colour2Vec.Storage;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace Colour2Vec.Tests.Rendering;

public sealed class RendererTests
{
    private static RenderResult RenderInto(TempFolder folder, RenderOptions options, RenderInput? input = null)
    {
        using var output = new StagedOutput(folder.Path);
        var result = Renderer.Stage(input ?? RenderFixtures.Input(), options, output);
        output.Commit();
        return result;
    }

    [Fact]
    public void The_Picture_Decodes_At_The_Requested_Size_And_Shows_Every_Dot_Colour()
    {
        using var folder = new TempFolder();
        RenderInto(folder, RenderFixtures.Small);
        using var bitmap = SKBitmap.Decode(folder.File(Renderer.Picture));
        Assert.Equal((480, 360), (bitmap.Width, bitmap.Height));
        var seen = new HashSet<SKColor>(bitmap.Pixels);
        foreach (var colour in RenderFixtures.Colours)
        {
            Assert.Contains(new SKColor(colour.R8, colour.G8, colour.B8), seen);
        }
    }

    [Fact]
    public void The_Gif_Has_One_Frame_Per_Scheduled_Snapshot_And_Its_Last_Frame_Matches_The_Drawing()
    {
        using var folder = new TempFolder();
        var input = RenderFixtures.Input();
        var result = RenderInto(folder, RenderFixtures.Small, input);
        Assert.NotNull(result.VideoSkipped);
        Assert.False(File.Exists(folder.File(Renderer.Video)));

        var schedule = FrameSchedule.Quadratic(30, 12);
        using var gif = SixLabors.ImageSharp.Image.Load<Rgba32>(folder.File(Renderer.Animation));
        Assert.Equal(schedule.Length, gif.Frames.Count);
        Assert.Equal((320, 240), (gif.Width, gif.Height));

        // The GIF stores only what changed, over a shared palette: composed, its last frame must look like the drawing.
        var plane = PlaneSeries.From(input.Snapshots);
        using var painter = new FramePainter(input, plane, 320, 240);
        var limits = AnimationView.Compute(plane, schedule, painter.Aspect);
        var title = $"epoch 30/30 · loss {0.4:F4} · held-out AUC {0.8:F3}";
        var expected = painter.Render(schedule[^1], limits[^1], title);
        var last = gif.Frames[gif.Frames.Count - 1];
        double difference = 0;
        for (var y = 0; y < 240; y++)
        {
            for (var x = 0; x < 320; x++)
            {
                var p = last[x, y];
                var k = 4 * (y * 320 + x);
                difference += Math.Abs(p.R - expected[k]) + Math.Abs(p.G - expected[k + 1]) + Math.Abs(p.B - expected[k + 2]);
            }
        }
        Assert.True(difference / (320 * 240 * 3) < 3, $"mean channel difference {difference / (320 * 240 * 3)}");
    }

    [FfmpegFact]
    public void The_Mp4_Is_H264_In_Yuv420p_With_One_Frame_Per_Scheduled_Snapshot()
    {
        using var folder = new TempFolder();
        var result = RenderInto(folder, RenderFixtures.Small with { SearchPath = null });
        Assert.Null(result.VideoSkipped);
        var probe = Probe(folder.File(Renderer.Video));
        Assert.Equal($"h264,320,240,yuv420p,{FrameSchedule.Quadratic(30, 12).Length}", probe);
    }

    [Fact]
    public void Without_Ffmpeg_The_Mp4_Is_Skipped_With_A_Reason_And_Everything_Else_Is_Written()
    {
        using var folder = new TempFolder();
        var result = RenderInto(folder, RenderFixtures.Small);
        Assert.Contains("ffmpeg is not on the PATH", result.VideoSkipped);
        Assert.Equal([Renderer.Picture, Renderer.Explorer, Renderer.Animation], folder.FileNames());
    }

    [Fact]
    public void A_Failing_Ffmpeg_Is_Reported_And_Leaves_Earlier_Pictures_Untouched()
    {
        using var folder = new TempFolder();
        var fake = folder.Write("ffmpeg", "#!/bin/sh\necho 'Unknown encoder libx264' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(folder.File("run"));
        File.WriteAllText(Path.Combine(folder.File("run"), Renderer.Picture), "earlier picture");
        using (var output = new StagedOutput(folder.File("run")))
        {
            var error = Assert.Throws<ExternalToolException>(() =>
                Renderer.Stage(RenderFixtures.Input(), RenderFixtures.Small with { Ffmpeg = fake }, output));
            Assert.Contains("ffmpeg failed (exit code 1)", error.Message);
            Assert.Contains("Unknown encoder libx264", error.Message);
        }
        Assert.Equal("earlier picture", File.ReadAllText(Path.Combine(folder.File("run"), Renderer.Picture)));
        Assert.Equal([Renderer.Picture], Directory.GetFiles(folder.File("run")).Select(Path.GetFileName));
    }

    [Fact]
    public void Embeddings_With_More_Than_Two_Dimensions_Are_Drawn_Through_Pca()
    {
        using var folder = new TempFolder();
        var plane = PlaneSeries.From(RenderFixtures.Input(dims: 5).Snapshots);
        Assert.Equal("principal component 1", plane.XLabel);
        Assert.InRange(plane.ExplainedVariance, 0.0, 1.0 + 1e-9);
        RenderInto(folder, RenderFixtures.Small, RenderFixtures.Input(dims: 5));
        Assert.True(File.Exists(folder.File(Renderer.Picture)));
    }

    [Fact]
    public void The_Seeds_Schedule_Gives_169_Frames_For_500_Epochs()
    {
        var frames = FrameSchedule.Quadratic(500);
        Assert.Equal(169, frames.Length);
        Assert.Equal(1, frames[0]);
        Assert.Equal(499, frames[^1]);
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Every_Frame_Keeps_Every_Point_In_View_And_The_View_Moves_Smoothly()
    {
        var input = RenderFixtures.Input(epochs: 200);
        var plane = PlaneSeries.From(input.Snapshots);
        var frames = FrameSchedule.Quadratic(plane.Count, 60);
        var limits = AnimationView.Compute(plane, frames, 4.0 / 3);
        for (var f = 0; f < frames.Length; f++)
        {
            var points = plane.Points(frames[f]);
            for (var k = 0; k < points.Length; k += 2)
            {
                Assert.InRange(points[k], limits[f].XMin, limits[f].XMax);
                Assert.InRange(points[k + 1], limits[f].YMin, limits[f].YMax);
            }
            if (f > 0)
            {
                var width = limits[f].XMax - limits[f].XMin;
                var previous = limits[f - 1].XMax - limits[f - 1].XMin;
                Assert.InRange(width / previous, 0.7, 1.5);
            }
        }
        Assert.True(limits[0].XMax - limits[0].XMin < (limits[^1].XMax - limits[^1].XMin) / 3, "early frames zoom in on the early, small map");
    }

    [Fact]
    public void Gif_Delays_Average_To_The_Frame_Rate()
    {
        Assert.Equal(100, Enumerable.Range(0, 30).Sum(f => AnimationWriter.Delay(f, 30)));
        Assert.All(Enumerable.Range(0, 30), f => Assert.InRange(AnimationWriter.Delay(f, 30), 3, 4));
    }

    [Theory]
    [InlineData("800x601")]
    [InlineData("0x600")]
    [InlineData("800")]
    [InlineData("axb")]
    [InlineData("-800x600")]
    public void Sizes_That_Are_Not_Two_Positive_Even_Numbers_Are_Refused(string size)
    {
        var error = Assert.Throws<InputException>(() => RenderOptions.ParseSize(size));
        Assert.StartsWith($"--size: '{size}' is not WxH", error.Message);
    }

    [Fact]
    public void Text_Uses_The_Embedded_Font()
    {
        EmbeddedFonts.Register();
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.Default);
        using var typeface = ScottPlot.Fonts.GetTypeface("DejaVu Sans", false, false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
    }

    private static string Probe(string path)
    {
        var start = new ProcessStartInfo(Tools.Ffprobe!)
        {
            RedirectStandardOutput = true,
            ArgumentList = { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,pix_fmt,nb_read_frames", "-of", "csv=p=0", path },
        };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var fields = text.Split(',');
        // ffprobe prints codec, width, height, pix_fmt, frames in its own order; normalise to that order.
        return string.Join(',', fields);
    }
}
