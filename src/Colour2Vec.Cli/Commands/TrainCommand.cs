using Colour2Vec.Cli.Printing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary><c>colour2vec train</c>: prepare, print the summary, train with progress, print what was written.</summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        var data = TrainJob.Prepare(options);
        var printer = new TrainingPrinter(console, settings.Quiet);
        printer.Summary(options, data);
        using var stop = new CtrlCStop(console, cancellationToken);
        var result = printer.WithProgress(options.Training.Epochs, progress => TrainJob.Execute(options, data, progress, stop.Token));
        printer.Finished(result);
        return CliApp.Success;
    }
}
