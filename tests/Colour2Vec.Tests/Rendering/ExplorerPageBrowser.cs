using Colour2Vec.Rendering;
using Microsoft.Playwright;

namespace Colour2Vec.Tests.Rendering;

/// <summary>
/// One headless Debian chromium shared by the explorer's browser tests, started on first use (so a skipped run
/// starts nothing). Playwright drives it through the driver the Microsoft.Playwright package copies into the
/// build output; it is never asked to download a browser.
/// </summary>
public sealed class ExplorerPageBrowser : IAsyncLifetime, IDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly TempFolder _folder = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _pages;

    /// <summary>Writes the page for <paramref name="input"/> to disk and opens it from its file:// URL.</summary>
    public async Task<LoadedExplorer> OpenAsync(ExplorerInput input, int width = 1400, int height = 900)
    {
        var browser = await BrowserAsync();
        var path = _folder.Write($"explorer-{Interlocked.Increment(ref _pages)}.html", ExplorerPage.Render(input));
        var url = new Uri(path).AbsoluteUri;
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var loaded = new LoadedExplorer(page, url);
        page.Request += (_, request) => loaded.Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                loaded.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => loaded.Errors.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            loaded.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(url);
        await loaded.SettledAsync();
        return loaded;
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _starting.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = BrowserFactAttribute.ChromiumPath,
                Args = ChromiumArgs,
            });
            return _browser;
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>xunit calls this first, then <see cref="Dispose"/>.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }

    public void Dispose()
    {
        _starting.Dispose();
        _folder.Dispose();
    }
}
