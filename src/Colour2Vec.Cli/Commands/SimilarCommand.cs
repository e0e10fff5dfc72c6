using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Colour2Vec.Evaluation;
using Colour2Vec.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>Options of <c>colour2vec similar</c>.</summary>
public sealed class SimilarSettings : CommandSettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("A colour name from the model's table, or a hex colour like '#ff8800' (its nearest table colour by RGB is used).")]
    public string Query { get; init; } = "";

    [CommandOption("--model <DIR>")]
    [Description("A folder written by 'colour2vec train'.")]
    [DefaultValue("colour2vec-out")]
    public string Model { get; init; } = "colour2vec-out";

    [CommandOption("-k <K>")]
    [Description("How many neighbours.")]
    [DefaultValue(10)]
    public int K { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Print JSON for scripts.")]
    public bool Json { get; init; }
}

/// <summary><c>colour2vec similar QUERY</c>: the nearest colours in the embedding, with distances and swatches.</summary>
public sealed class SimilarCommand(IAnsiConsole console) : Command<SimilarSettings>
{
    public override int Execute(CommandContext context, SimilarSettings settings, CancellationToken cancellationToken)
    {
        if (settings.K < 1)
        {
            throw new InputException($"-k: {settings.K} is out of range; expected an integer of at least 1");
        }
        var saved = SavedModel.Load(settings.Model);
        var matches = SimilarityQuery.Resolve(saved.Colours, settings.Query);
        var results = matches.Select(m => (Match: m, Neighbours: Neighbours.Nearest(saved.Model, m.Index, Math.Min(settings.K, saved.Colours.Count - 1)))).ToList();
        if (settings.Json)
        {
            var json = results.Select(r => new
            {
                query = settings.Query,
                name = saved.Colours[r.Match.Index].Name,
                hex = saved.Colours[r.Match.Index].Hex,
                matched_by = r.Match.How,
                neighbours = r.Neighbours.Select(n => new { name = saved.Colours[n.Index].Name, hex = saved.Colours[n.Index].Hex, distance = n.Distance }),
            });
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(json));
            return CliApp.Success;
        }
        foreach (var (match, neighbours) in results)
        {
            var colour = saved.Colours[match.Index];
            var table = new Table().Border(TableBorder.Simple)
                .Title($"[on {colour.Hex}]    [/] {Markup.Escape(colour.Name)} {colour.Hex} ({Markup.Escape(match.How)})")
                .AddColumn("").AddColumn("colour").AddColumn("hex").AddColumn(new TableColumn("distance").RightAligned());
            foreach (var n in neighbours)
            {
                var c = saved.Colours[n.Index];
                table.AddRow($"[on {c.Hex}]    [/]", Markup.Escape(c.Name), c.Hex, n.Distance.ToString("F4", CultureInfo.InvariantCulture));
            }
            console.Write(table);
        }
        return CliApp.Success;
    }
}
