namespace Colour2Vec.Storage;

/// <summary>
/// Writes a run's files so that each is complete or absent: every file goes to a temporary name in the
/// output folder, and only when all are written are they renamed into place. If anything fails, the
/// temporaries are deleted and earlier results stay as they were.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private readonly List<(string Temporary, string Final)> _staged = [];
    private bool _committed;

    public StagedOutput(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>The files renamed into place by <see cref="Commit"/>, in the order they were added.</summary>
    public IReadOnlyList<string> Files => _staged.Select(s => s.Final).ToArray();

    /// <summary>Writes <paramref name="fileName"/> through <paramref name="write"/> to a temporary file.</summary>
    public void Add(string fileName, Action<Stream> write) => AddFile(fileName, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
    });

    /// <summary>Lets <paramref name="write"/> create the file at the temporary path it is given (for external tools).</summary>
    public void AddFile(string fileName, Action<string> write)
    {
        var final = Path.Combine(Folder, fileName);
        var temporary = Path.Combine(Folder, $".{fileName}.{Environment.ProcessId}.{_staged.Count}.tmp");
        try
        {
            write(temporary);
            if (!File.Exists(temporary))
            {
                throw new IOException($"{final}: nothing was written");
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        _staged.Add((temporary, final));
    }

    /// <summary>Adds a file written as UTF-8 text (no BOM, '\n' line ends).</summary>
    public void AddText(string fileName, Action<TextWriter> write) => Add(fileName, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        write(writer);
    });

    /// <summary>Renames every staged file into place.</summary>
    public void Commit()
    {
        foreach (var (temporary, final) in _staged)
        {
            File.Move(temporary, final, overwrite: true);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            foreach (var (temporary, _) in _staged)
            {
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
