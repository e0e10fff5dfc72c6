namespace Colour2Vec.Tests.Rendering;

/// <summary>
/// A fact that needs Debian's chromium. It is skipped where <c>/usr/bin/chromium</c> is missing on a developer's
/// machine, but never on CI (<c>CI=true</c>): there a missing browser must fail the run, not hide it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{ChromiumPath} is not installed (with CI=true these tests run and fail instead)";
        }
    }
}
