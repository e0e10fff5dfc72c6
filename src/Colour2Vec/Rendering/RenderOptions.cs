namespace Colour2Vec.Rendering;

/// <summary>How to render. Defaults are the command line's.</summary>
public sealed record RenderOptions
{
    /// <summary>Animation frame size; both even (H.264 in yuv420p needs it).</summary>
    public int Width { get; init; } = 800;

    public int Height { get; init; } = 600;

    /// <summary>The still picture's size (the default 1200×900).</summary>
    public int PictureWidth { get; init; } = 1200;

    public int PictureHeight { get; init; } = 900;
    public int Fps { get; init; } = 30;

    /// <summary>Frames asked of the seed's quadratic schedule (180 gives 169 distinct for 500 epochs).</summary>
    public int Frames { get; init; } = FrameSchedule.SeedFrames;

    /// <summary>The ffmpeg to use; null looks on <see cref="SearchPath"/>, and without one the MP4 is skipped.</summary>
    public string? Ffmpeg { get; init; }

    /// <summary>Folders to look for ffmpeg in (<see cref="Path.PathSeparator"/>-separated); null for the PATH.</summary>
    public string? SearchPath { get; init; }

    public bool Video { get; init; } = true;

    public void Validate()
    {
        foreach (var (name, value) in new[] { ("width", Width), ("height", Height), ("picture width", PictureWidth), ("picture height", PictureHeight) })
        {
            if (value < 16 || value > 8192 || value % 2 != 0)
            {
                throw new InputException($"--size: {name} {value} is not allowed; expected an even number of pixels from 16 to 8192");
            }
        }
        if (Fps is < 1 or > 120)
        {
            throw new InputException($"--fps: {Fps} is out of range; expected an integer from 1 to 120");
        }
        if (Frames is < 1 or > 100_000)
        {
            throw new InputException($"--frames: {Frames} is out of range; expected an integer from 1 to 100000");
        }
    }

    /// <summary>Parses <c>WxH</c>: two positive even numbers.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2 && int.TryParse(parts[0], out var width) && int.TryParse(parts[1], out var height)
            && width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0)
        {
            return (width, height);
        }
        throw new InputException($"--size: '{text}' is not WxH with two positive even numbers, e.g. 800x600");
    }
}
