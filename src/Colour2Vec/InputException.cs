namespace Colour2Vec;

/// <summary>
/// Bad input or usage: a file, a field or an option that is not what was expected. The message is one line a
/// user can act on (file, line, field, what was expected); command-line front ends print it and exit with 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    public InputException() { }

    /// <summary>Formats "file:line: field 'x': message", leaving out the parts that are not known.</summary>
    public static InputException At(string source, long line, string? field, string message)
    {
        var where = line > 0 ? $"{source}:{line}" : source;
        return new InputException(field is null ? $"{where}: {message}" : $"{where}: field '{field}': {message}");
    }
}
