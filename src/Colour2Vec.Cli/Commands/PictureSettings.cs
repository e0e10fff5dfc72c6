using System.ComponentModel;
using Colour2Vec.Rendering;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>The picture options shared by <c>train</c> and <c>render</c>.</summary>
public abstract class PictureSettings : CommandSettings
{
    [CommandOption("--size <WxH>")]
    [Description("Animation frame size, two even numbers; the PNG is drawn at 1.5x this.")]
    [DefaultValue("800x600")]
    public string Size { get; init; } = "800x600";

    [CommandOption("--fps <N>")]
    [Description("Animation frames per second.")]
    [DefaultValue(30)]
    public int Fps { get; init; } = 30;

    [CommandOption("--frames <N>")]
    [Description("Frames asked of the seed's quadratic schedule (180 gives 169 distinct for 500 epochs).")]
    [DefaultValue(FrameSchedule.SeedFrames)]
    public int Frames { get; init; } = FrameSchedule.SeedFrames;

    public RenderOptions ToRenderOptions()
    {
        var (width, height) = RenderOptions.ParseSize(Size);
        return new RenderOptions
        {
            Width = width,
            Height = height,
            PictureWidth = width * 3 / 2 / 2 * 2,
            PictureHeight = height * 3 / 2 / 2 * 2,
            Fps = Fps,
            Frames = Frames,
        };
    }
}
