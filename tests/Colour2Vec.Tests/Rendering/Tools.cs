namespace Colour2Vec.Tests.Rendering;

/// <summary>System tools some tests need. Locally they may be missing (the test then skips); with CI=true they must be there.</summary>
internal static class Tools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Ffmpeg => Find("ffmpeg");
    public static string? Ffprobe => Find("ffprobe");
    public static bool HasFfmpeg => Ffmpeg is not null;

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs ffmpeg and ffprobe: skipped when they are missing, unless CI=true.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if ((Tools.Ffmpeg is null || Tools.Ffprobe is null) && !Tools.IsCi)
        {
            Skip = "ffmpeg/ffprobe are not on the PATH (install ffmpeg); with CI=true this test runs and fails instead";
        }
    }
}
