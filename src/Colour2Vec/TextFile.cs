using System.Text;
using System.Text.Unicode;

namespace Colour2Vec;

/// <summary>Reads the text files users give (tables, palettes, pairs): strict UTF-8, every failure one clear line.</summary>
public static class TextFile
{
    /// <summary>Reads <paramref name="path"/> as UTF-8; <paramref name="what"/> names the file's role in errors ("the colour table").</summary>
    public static string ReadUtf8(string path, string what)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"{path}: cannot read {what}: {e.Message}", e);
        }
        return DecodeUtf8(bytes, path);
    }

    /// <summary>Decodes strict UTF-8 (a BOM is allowed); invalid bytes are an error naming their line.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        if (!Utf8.IsValid(bytes))
        {
            var chars = new char[bytes.Length];
            Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            var line = bytes[..read].Count((byte)'\n') + 1;
            throw InputException.At(source, line, null, $"invalid UTF-8 at byte {read}; expected a UTF-8 text file");
        }
        return Encoding.UTF8.GetString(bytes);
    }
}
