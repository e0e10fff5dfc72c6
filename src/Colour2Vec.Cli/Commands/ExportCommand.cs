using System.ComponentModel;
using Colour2Vec.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>Options of <c>colour2vec export</c>.</summary>
public sealed class ExportSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A folder written by 'colour2vec train'.")]
    public string Folder { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("projector: vectors.tsv + metadata.tsv for TensorBoard's Embedding Projector; word2vec: the word2vec text format (names with spaces written with '_').")]
    [DefaultValue("projector")]
    public string Format { get; init; } = "projector";

    [CommandOption("--out <PATH>")]
    [Description("Where to write. Default: DIR/projector/ or DIR/embedding.w2v.txt.")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Replace existing files.")]
    public bool Force { get; init; }
}

/// <summary><c>colour2vec export DIR --format projector|word2vec</c>.</summary>
public sealed class ExportCommand(IAnsiConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var saved = SavedModel.Load(settings.Folder);
        switch (settings.Format.ToLowerInvariant())
        {
            case "projector":
                var folder = settings.Out ?? Path.Combine(settings.Folder, "projector");
                Directory.CreateDirectory(folder);
                ProjectorExport.Write(folder, saved.Colours, saved.Model, settings.Force);
                console.MarkupLineInterpolated($"Wrote {Path.Combine(folder, "vectors.tsv")} and {Path.Combine(folder, "metadata.tsv")}");
                break;
            case "word2vec":
                var path = settings.Out ?? Path.Combine(settings.Folder, "embedding.w2v.txt");
                Word2VecExport.Write(path, saved.Colours, saved.Model, settings.Force);
                console.MarkupLineInterpolated($"Wrote {path}");
                break;
            default:
                throw new InputException($"--format: unknown format '{settings.Format}'; expected projector or word2vec");
        }
        return CliApp.Success;
    }
}
