namespace Colour2Vec.Storage;

/// <summary>Checks an output folder before any work is done: that it can be written, and that it holds no results unless replacing them was asked for.</summary>
public static class OutputFolder
{
    /// <summary>The names of every file a run may write.</summary>
    public static IReadOnlyList<string> ResultFiles { get; } =
    [
        RunFiles.Embedding, RunFiles.History, RunFiles.Snapshots, RunFiles.Model, RunFiles.Report,
        "embedding.png", "training.gif", "training.mp4", "explorer.html",
    ];

    /// <summary>
    /// Creates the folder if needed and proves it writable; refuses a folder that already holds results unless
    /// <paramref name="force"/>. Returns true when this call created the folder.
    /// </summary>
    public static bool Prepare(string folder, bool force)
    {
        if (File.Exists(folder))
        {
            throw new InputException($"--out {folder}: is a file; expected a folder");
        }
        if (Directory.Exists(folder) && !force)
        {
            var existing = ResultFiles.Where(name => File.Exists(Path.Combine(folder, name))).ToArray();
            if (existing.Length > 0)
            {
                throw new InputException(
                    $"--out {folder}: already holds results ({string.Join(", ", existing)}); pass --force to replace them or choose another folder");
            }
        }
        var created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".colour2vec-probe.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"--out {folder}: cannot be written: {e.Message}", e);
        }
        return created;
    }

    /// <summary>Removes a folder this run created when the run failed and left it empty.</summary>
    public static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
