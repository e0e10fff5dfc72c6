using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Colour2Vec.Tests.Rendering;

/// <summary>An explorer page open in the browser, with everything it requested, logged as an error, or popped up.</summary>
public sealed class LoadedExplorer(IPage page, string url)
{
    public IPage Page { get; } = page;
    public string Url { get; } = url;
    public ConcurrentBag<string> Requests { get; } = [];
    public ConcurrentBag<string> Errors { get; } = [];
    public ConcurrentBag<string> Dialogs { get; } = [];

    /// <summary>Waits until the view has stopped easing, so that screen positions are final.</summary>
    public Task SettledAsync() => Page.WaitForFunctionAsync("() => window.colour2vec !== undefined && window.colour2vec.settled");

    /// <summary>Where colour <paramref name="index"/> is drawn now, in page coordinates.</summary>
    public async Task<(float X, float Y)> ScreenPositionAsync(int index)
    {
        var at = await Page.EvaluateAsync<float[]>("(i) => { const p = window.colour2vec.screenPosition(i); return [p.x, p.y]; }", index);
        return (at[0], at[1]);
    }

    public Task<T> HookAsync<T>(string expression) => Page.EvaluateAsync<T>($"() => window.colour2vec.{expression}");
}
