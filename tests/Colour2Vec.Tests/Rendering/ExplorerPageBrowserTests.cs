using Colour2Vec.Colours;
using Colour2Vec.Rendering;
using Xunit.Abstractions;

namespace Colour2Vec.Tests.Rendering;

/// <summary>The explorer page in a real browser, opened from disk, driven the way a user drives it.</summary>
public sealed class ExplorerPageBrowserTests(ExplorerPageBrowser browser, ITestOutputHelper output)
    : IClassFixture<ExplorerPageBrowser>
{
    private static readonly ExplorerInput BuiltInRun = ExplorerPageInputs.Synthetic(ColourTable.BuiltIn(), epochs: 500);
    private static readonly ExplorerInput RingRun = ExplorerPageInputs.Synthetic(ExplorerPageInputs.HueRing(), epochs: 120);

    [BrowserFact]
    public async Task The_Page_Loads_From_Disk_Without_Errors_Or_Network_Requests()
    {
        var explorer = await browser.OpenAsync(BuiltInRun);
        Assert.Equal(500, await explorer.HookAsync<int>("epoch"));
        Assert.Equal(500, await explorer.HookAsync<int>("snapshots"));
        Assert.Equal(658, await explorer.HookAsync<int>("count"));
        Assert.Equal("Synthetic run — Colour2Vec explorer", await explorer.Page.TitleAsync());
        Assert.Contains("negative-cosine", await explorer.Page.Locator("#facts").TextContentAsync(), StringComparison.Ordinal);
        await explorer.Page.Locator("#play").ClickAsync();
        await explorer.Page.WaitForFunctionAsync("() => window.colour2vec.epoch > 20");
        await explorer.Page.Locator("#play").ClickAsync();
        Assert.Empty(explorer.Errors);
        Assert.Equal([explorer.Url], explorer.Requests.Distinct());
    }

    [BrowserFact]
    public async Task Moving_The_Slider_Moves_The_Points_And_The_Curve_Markers()
    {
        var explorer = await browser.OpenAsync(BuiltInRun);
        var red = ColourIndex(BuiltInRun, "red");
        var finalPosition = await explorer.ScreenPositionAsync(red);
        var finalPicture = await Picture(explorer, "#plot");
        var finalCurves = await Picture(explorer, "#loss-chart");
        await explorer.Page.Locator("#epoch-slider").FocusAsync();
        await explorer.Page.Keyboard.PressAsync("Home");
        await explorer.SettledAsync();
        Assert.Equal(1, await explorer.HookAsync<int>("epoch"));
        Assert.Equal("epoch 1 of 500", await explorer.Page.Locator("#epoch-label").TextContentAsync());
        Assert.NotEqual(finalPosition, await explorer.ScreenPositionAsync(red));
        Assert.NotEqual(finalPicture, await Picture(explorer, "#plot"));
        Assert.NotEqual(finalCurves, await Picture(explorer, "#loss-chart"));
        await explorer.Page.Keyboard.PressAsync("End");
        await explorer.SettledAsync();
        Assert.Equal(500, await explorer.HookAsync<int>("epoch"));
        var back = await explorer.ScreenPositionAsync(red);
        Assert.InRange(back.X, finalPosition.X - 0.5f, finalPosition.X + 0.5f);
        Assert.InRange(back.Y, finalPosition.Y - 0.5f, finalPosition.Y + 0.5f);
        Assert.Empty(explorer.Errors);
    }

    [BrowserFact]
    public async Task Hovering_A_Point_Shows_Its_Name_Hex_And_Swatch()
    {
        var explorer = await browser.OpenAsync(RingRun);
        var index = ColourIndex(RingRun, "hue 120");
        var (x, y) = await explorer.ScreenPositionAsync(index);
        await explorer.Page.Mouse.MoveAsync(x, y);
        var tooltip = explorer.Page.Locator("#tooltip");
        await tooltip.WaitForAsync();
        Assert.Equal("hue 120", await tooltip.Locator(".name").TextContentAsync());
        Assert.Equal("#00ff00", await tooltip.Locator(".hex").TextContentAsync());
        Assert.Equal("rgb(0, 255, 0)", await tooltip.Locator(".swatch").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await explorer.Page.Mouse.MoveAsync(2, 2);
        Assert.True(await tooltip.IsHiddenAsync());
    }

    [BrowserFact]
    public async Task Searching_Highlights_The_Colours_Whose_Names_Contain_The_Text_In_Any_Case()
    {
        var explorer = await browser.OpenAsync(RingRun);
        await explorer.Page.Locator("#search").FillAsync("HUE 1");
        var expected = RingRun.Colours.Select(c => c.Name)
            .Where(n => n.Contains("hue 1", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(7, expected.Length); // hue 15, 105, …, 180; hue 195 carries a hostile name
        Assert.Equal(expected, await explorer.HookAsync<string[]>("highlighted()"));
        Assert.Equal("7 matches", await explorer.Page.Locator("#match-count").TextContentAsync());
        await explorer.Page.Locator("#search").FillAsync("");
        Assert.Empty(await explorer.HookAsync<string[]>("highlighted()"));
    }

    [BrowserFact]
    public async Task Clicking_A_Point_Lists_Its_Ten_Nearest_Colours_In_The_Embedding_And_In_Rgb()
    {
        var explorer = await browser.OpenAsync(RingRun);
        var index = ColourIndex(RingRun, "hue 0");
        var (x, y) = await explorer.ScreenPositionAsync(index);
        await explorer.Page.Mouse.ClickAsync(x, y);
        Assert.Equal("hue 0", await explorer.HookAsync<string>("selected"));
        var embedding = await ListedNames(explorer, "#embedding-neighbours");
        var rgb = await ListedNames(explorer, "#rgb-neighbours");
        Assert.Equal(10, embedding.Length);
        Assert.Equal(10, rgb.Length);
        Assert.DoesNotContain("hue 0", embedding);
        Assert.Equal(10, embedding.Distinct().Count());
        // On the ring, the hues 15° either side are nearest both in RGB and (by construction) on the map.
        Assert.Equal(["hue 15", "hue 345"], rgb.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["hue 15", "hue 345"], embedding.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(RgbNearest(RingRun.Colours, index).Take(10).Order(), rgb.Order());
        // The list follows the epoch: at epoch 1 the map is noise, so the neighbours differ.
        await explorer.Page.Locator("#epoch-slider").FocusAsync();
        await explorer.Page.Keyboard.PressAsync("Home");
        await explorer.SettledAsync();
        Assert.NotEqual(embedding, await ListedNames(explorer, "#embedding-neighbours"));
        Assert.Equal(rgb, await ListedNames(explorer, "#rgb-neighbours"));
        Assert.Empty(explorer.Errors);
    }

    [BrowserFact]
    public async Task Hostile_Names_Show_As_Text_And_Run_Nothing()
    {
        var explorer = await browser.OpenAsync(RingRun);
        foreach (var name in new[] { ExplorerPageInputs.ImageName, ExplorerPageInputs.ScriptName, ExplorerPageInputs.SeparatorName })
        {
            var (x, y) = await explorer.ScreenPositionAsync(ColourIndex(RingRun, name));
            await explorer.Page.Mouse.MoveAsync(x, y);
            Assert.Equal(name, await explorer.Page.Locator("#tooltip .name").TextContentAsync());
            await explorer.Page.Mouse.ClickAsync(x, y);
            Assert.Equal(name, await explorer.Page.Locator("#neighbours .chosen .name").TextContentAsync());
        }
        var (hueX, hueY) = await explorer.ScreenPositionAsync(ColourIndex(RingRun, "hue 90"));
        await explorer.Page.Mouse.ClickAsync(hueX, hueY);
        Assert.Contains(ExplorerPageInputs.ImageName, await ListedNames(explorer, "#rgb-neighbours"));
        Assert.Contains(ExplorerPageInputs.ImageName, await ListedNames(explorer, "#embedding-neighbours"));
        var (imageX, imageY) = await explorer.ScreenPositionAsync(ColourIndex(RingRun, ExplorerPageInputs.ImageName));
        await explorer.Page.Mouse.MoveAsync(imageX, imageY);
        await SaveScreenshotIfAsked(explorer, "explorer-shot-hostile.png");
        await explorer.Page.Locator("#search").FillAsync("<");
        Assert.Equal(2, (await explorer.HookAsync<string[]>("highlighted()")).Length);
        Assert.Contains("note <b>bold?</b>", await explorer.Page.Locator("#facts").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await explorer.Page.EvaluateAsync<int>("() => document.querySelectorAll('img, b, script:not([type])').length - 1"));
        Assert.Equal("undefined", await explorer.Page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Empty(explorer.Dialogs);
        Assert.Empty(explorer.Errors);
        Assert.Equal([explorer.Url], explorer.Requests.Distinct());
    }

    [BrowserFact]
    public async Task A_Page_With_32000_Colours_Stays_Responsive()
    {
        var explorer = await browser.OpenAsync(ExplorerPageInputs.Large(32_000, 100));
        Assert.Equal(93, await explorer.HookAsync<int>("snapshots"));
        Assert.Contains("93 of 100", await explorer.Page.Locator("#decimated").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await explorer.Page.Locator("#loss-chart").IsHiddenAsync()); // no history given
        await explorer.Page.Locator("#epoch-slider").FocusAsync();
        var slowest = 0.0;
        for (var step = 0; step < 10; step++)
        {
            await explorer.Page.Keyboard.PressAsync("ArrowLeft");
            await explorer.SettledAsync();
            slowest = Math.Max(slowest, await explorer.HookAsync<double>("drawMilliseconds"));
        }
        output.WriteLine($"slowest redraw of 32,000 points: {slowest:F1} ms");
        Assert.True(slowest < 100, $"a redraw of 32,000 points took {slowest:F1} ms");
        var (x, y) = await explorer.ScreenPositionAsync(12_345);
        await explorer.Page.Mouse.ClickAsync(x, y);
        Assert.Equal(10, (await ListedNames(explorer, "#embedding-neighbours")).Length);
        Assert.StartsWith("colour ", await explorer.Page.Locator("#tooltip .name").TextContentAsync(), StringComparison.Ordinal);
        await explorer.Page.Locator("#search").FillAsync("colour 123");
        Assert.Equal(111, (await explorer.HookAsync<string[]>("highlighted()")).Length); // 123, 1230–1239, 12300–12399
        await SaveScreenshotIfAsked(explorer, "explorer-shot-large.png");
        Assert.Empty(explorer.Errors);
    }

    /// <summary>
    /// Also the way to look at the page: set COLOUR2VEC_SCREENSHOTS to a folder and this writes
    /// explorer-shot.png (the trained map with a search, a selection and a tooltip) and explorer-shot-early.png
    /// (epoch 10) there.
    /// </summary>
    [BrowserFact]
    public async Task A_Screenshot_Of_A_Realistic_Run_Shows_The_Map_Curves_Tooltip_And_Neighbours()
    {
        var folder = Environment.GetEnvironmentVariable("COLOUR2VEC_SCREENSHOTS");
        using var temporary = new TempFolder();
        folder = string.IsNullOrEmpty(folder) ? temporary.Path : folder;
        var explorer = await browser.OpenAsync(BuiltInRun);
        await explorer.Page.Locator("#search").FillAsync("blue");
        var (x, y) = await explorer.ScreenPositionAsync(ColourIndex(BuiltInRun, "orange"));
        await explorer.Page.Mouse.ClickAsync(x, y);
        (x, y) = await explorer.ScreenPositionAsync(ColourIndex(BuiltInRun, "dark slate blue"));
        await explorer.Page.Mouse.MoveAsync(x, y);
        var shot = await explorer.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "explorer-shot.png") });
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], shot[..4]);
        Assert.Equal("dark slate blue", await explorer.Page.Locator("#tooltip .name").TextContentAsync());

        await explorer.Page.Locator("#search").FillAsync("");
        await explorer.Page.Locator("#epoch-slider").FocusAsync();
        await explorer.Page.Keyboard.PressAsync("Home");
        for (var step = 1; step < 10; step++)
        {
            await explorer.Page.Keyboard.PressAsync("ArrowRight");
        }
        await explorer.SettledAsync();
        Assert.Equal(10, await explorer.HookAsync<int>("epoch"));
        await explorer.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "explorer-shot-early.png") });
        Assert.Empty(explorer.Errors);
    }

    private static async Task SaveScreenshotIfAsked(LoadedExplorer explorer, string name)
    {
        var folder = Environment.GetEnvironmentVariable("COLOUR2VEC_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await explorer.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }

    private static int ColourIndex(ExplorerInput input, string name) =>
        input.Colours.Select((c, i) => (c, i)).First(p => p.c.Name == name).i;

    private static IEnumerable<string> RgbNearest(ColourTable colours, int index) => Enumerable.Range(0, colours.Count)
        .Where(j => j != index)
        .OrderBy(j => Square(colours[j].R - colours[index].R) + Square(colours[j].G - colours[index].G) + Square(colours[j].B - colours[index].B))
        .Select(j => colours[j].Name);

    private static float Square(float value) => value * value;

    private static Task<string[]> ListedNames(LoadedExplorer explorer, string list) =>
        explorer.Page.Locator($"{list} li .name").AllTextContentsAsync().ContinueWith(t => t.Result.ToArray(), TaskScheduler.Default);

    private static Task<string> Picture(LoadedExplorer explorer, string canvas) =>
        explorer.Page.Locator(canvas).EvaluateAsync<string>("c => c.toDataURL()");
}
