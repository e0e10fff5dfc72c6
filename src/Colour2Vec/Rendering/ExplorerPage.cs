using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Colour2Vec.Rendering;

/// <summary>
/// The interactive explorer: one self-contained HTML file (no network requests, works from <c>file://</c>) that
/// replays training on a canvas, plots the loss and held-out AUC, finds colours by name, lists a colour's nearest
/// neighbours in the embedding and in RGB, and shows the run's facts.
/// </summary>
/// <remarks>
/// The page is a template (<c>Rendering/Assets/explorer/explorer.html</c>) with its style sheet and scripts
/// pasted in and the data embedded as JSON in a <c>&lt;script type="application/json"&gt;</c> block. Colour names
/// are data, never markup: the JSON escapes <c>&lt; &gt; &amp;</c> and every non-ASCII character, and the script
/// puts names into the page only through <c>textContent</c>. The same input always gives the same bytes.
/// </remarks>
public static partial class ExplorerPage
{
    private const string ResourcePrefix = "Colour2Vec.Rendering.explorer/";

    /// <summary>The scripts, in the order they are pasted into the page's one script block.</summary>
    private static readonly string[] ScriptAssets =
        ["explorer.data.js", "explorer.pixels.js", "explorer.plot.js", "explorer.charts.js", "explorer.panel.js", "explorer.main.js"];

    /// <summary>The page as a string.</summary>
    public static string Render(ExplorerInput input)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, input);
        return writer.ToString();
    }

    /// <summary>Writes the page to <paramref name="writer"/> (UTF-8 is the page's declared encoding).</summary>
    public static void Write(TextWriter writer, ExplorerInput input)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);
        var script = Script();
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["style"] = Asset("explorer.css"),
            ["script"] = script,
            ["scripthash"] = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))),
            ["data"] = DataJson(input),
        };
        WriteTemplate(writer, Asset("explorer.html"), parts);
    }

    /// <summary>
    /// The scripts as the text of the page's one script element, in one strict-mode function scope so that
    /// nothing but the documented <c>window.colour2vec</c> hook leaks into the page's globals.
    /// </summary>
    private static string Script() =>
        "\n\"use strict\";\n(() => {\n" + string.Join("\n", ScriptAssets.Select(Asset)) + "})();\n";

    private static void Validate(ExplorerInput input)
    {
        if (input.Plane.Items != input.Colours.Count)
        {
            throw new ArgumentException(
                $"the plane has {input.Plane.Items} points but the colour table has {input.Colours.Count} colours", nameof(input));
        }
        if (input.Plane.Count == 0)
        {
            throw new ArgumentException("the plane has no snapshots: there is no epoch to show", nameof(input));
        }
    }

    /// <summary>
    /// Copies the template, replacing each <c>{{name}}</c> marker once. Splitting first (rather than chained
    /// string replaces) means a marker-like text inside a script or the data can never be expanded.
    /// </summary>
    private static void WriteTemplate(TextWriter writer, string template, Dictionary<string, string> parts)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (Match marker in MarkerPattern().Matches(template))
        {
            var name = marker.Groups[1].Value;
            if (!parts.TryGetValue(name, out var text) || !used.Add(name))
            {
                throw new InvalidOperationException($"explorer.html: unexpected or repeated marker {{{{{name}}}}}");
            }
            writer.Write(template.AsSpan(position, marker.Index - position));
            writer.Write(text);
            position = marker.Index + marker.Length;
        }
        if (used.Count != parts.Count)
        {
            throw new InvalidOperationException("explorer.html: a marker is missing");
        }
        writer.Write(template.AsSpan(position));
    }

    /// <summary>
    /// An embedded asset, with line endings made <c>\n</c> so the page's bytes do not depend on how the
    /// repository was checked out.
    /// </summary>
    private static string Asset(string name)
    {
        using var stream = typeof(ExplorerPage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"the explorer asset {name} is not embedded in the library");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        // A script or style sheet holding "</" could close its element early and turn the rest into markup.
        if (!name.EndsWith(".html", StringComparison.Ordinal) && text.Contains("</", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the explorer asset {name} contains \"</\"");
        }
        return text;
    }

    [GeneratedRegex(@"\{\{([a-z]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
