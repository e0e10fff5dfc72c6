namespace Colour2Vec.Rendering;

/// <summary>A system tool the renderer runs (ffmpeg) failed; the message carries its last words.</summary>
public sealed class ExternalToolException : Exception
{
    public ExternalToolException(string message) : base(message) { }

    public ExternalToolException(string message, Exception inner) : base(message, inner) { }

    public ExternalToolException() { }
}
