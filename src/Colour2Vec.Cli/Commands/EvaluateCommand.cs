using System.ComponentModel;
using System.Text.Json;
using Colour2Vec.Cli.Printing;
using Colour2Vec.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>Options of <c>colour2vec evaluate</c>.</summary>
public sealed class EvaluateSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A folder written by 'colour2vec train'.")]
    public string Folder { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print the report as JSON.")]
    public bool Json { get; init; }
}

/// <summary><c>colour2vec evaluate DIR</c>: the quality report of a saved run, on its own held-out pairs.</summary>
public sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var report = RunEvaluation.Evaluate(settings.Folder);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, RunEvaluation.JsonOptions));
            return CliApp.Success;
        }
        QualityPrinter.Print(console, report);
        return CliApp.Success;
    }
}
