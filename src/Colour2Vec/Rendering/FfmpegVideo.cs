using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Colour2Vec.Rendering;

/// <summary>
/// Pipes raw RGBA frames into one ffmpeg process that writes H.264 in yuv420p (plays in browsers; the
/// ultrafast preset: a third of veryfast's CPU time for a somewhat larger file), with the
/// index at the front (<c>+faststart</c>). ffmpeg's stderr is drained asynchronously so it can never block.
/// </summary>
internal sealed class FfmpegVideo : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private FfmpegVideo(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data))
            {
                return;
            }
            lock (_lastLines)
            {
                _lastLines.Enqueue(e.Data.Trim());
                if (_lastLines.Count > 5)
                {
                    _lastLines.Dequeue();
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The ffmpeg in <paramref name="searchPath"/> (default: the PATH), or null.</summary>
    public static string? Find(string? searchPath = null)
    {
        foreach (var folder in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "ffmpeg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public static FfmpegVideo Start(string ffmpeg, string outputPath, int width, int height, int fps)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba",
                     "-s", $"{width}x{height}", "-r", fps.ToString(CultureInfo.InvariantCulture), "-i", "-",
                     "-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "22", "-pix_fmt", "yuv420p",
                     "-movflags", "+faststart", "-f", "mp4", outputPath,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            return new FfmpegVideo(Process.Start(start) ?? throw new ExternalToolException($"{ffmpeg}: could not be started"));
        }
        catch (Win32Exception e)
        {
            throw new ExternalToolException($"{ffmpeg}: could not be started: {e.Message}", e);
        }
    }

    public void Write(ReadOnlySpan<byte> rgba)
    {
        try
        {
            _process.StandardInput.BaseStream.Write(rgba);
        }
        catch (IOException e)
        {
            _process.WaitForExit();
            throw Failed(e);
        }
    }

    /// <summary>Closes the input and waits; throws with ffmpeg's last message when it failed.</summary>
    public void Finish()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        _process.WaitForExit();
        if (_process.ExitCode != 0)
        {
            throw Failed(null);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private ExternalToolException Failed(Exception? inner)
    {
        string detail;
        lock (_lastLines)
        {
            detail = _lastLines.Count > 0 ? string.Join(" | ", _lastLines) : "no message";
        }
        var message = $"ffmpeg failed (exit code {(_process.HasExited ? _process.ExitCode : -1)}) writing the MP4: {detail}";
        return inner is null ? new ExternalToolException(message) : new ExternalToolException(message, inner);
    }
}
