using System.Globalization;
using Colour2Vec.Model;
using Colour2Vec.Training;
using Spectre.Console;

namespace Colour2Vec.Cli.Printing;

/// <summary>What <c>train</c> prints: the Keras-style summary, a progress bar (plain lines when redirected), the results.</summary>
internal sealed class TrainingPrinter(IAnsiConsole console, bool quiet)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Summary(TrainJobOptions options, TrainJobData data)
    {
        if (quiet)
        {
            return;
        }
        var model = data.Shape;
        console.MarkupLineInterpolated($"Items: [bold]{data.Colours.Count:N0}[/] from {data.Colours.Source}");
        foreach (var note in data.Summary.Notes)
        {
            console.MarkupLineInterpolated($"{note}");
        }
        console.MarkupLineInterpolated(
            $"Pairs: [bold]{data.Source.Count:N0}[/] training per epoch, {data.HeldOut.Count:N0} held out; positive fraction [bold]{data.PositiveFraction.ToString("F4", Invariant)}[/]");
        var table = new Table().Border(TableBorder.Simple).Title("Model")
            .AddColumn("Layer (type)").AddColumn("Output Shape").AddColumn(new TableColumn("Param #").RightAligned());
        foreach (var layer in ModelSummary.Layers(model))
        {
            table.AddRow(Markup.Escape(layer.Name), Markup.Escape(layer.OutputShape), layer.Parameters.ToString("N0", Invariant));
        }
        table.Caption($"Total params: {model.ParameterCount.ToString("N0", Invariant)}");
        console.Write(table);
        var training = options.Training;
        console.MarkupLineInterpolated(
            $"Recipe [bold]{training.Recipe.Name}[/] ({training.Recipe.Description}); lr {training.EffectiveLearningRate.ToString(Invariant)}, batch {training.Batch}, {training.Epochs} epochs, seed {training.Seed}");
        if (training.Recipe.Start == RecipeStart.Spectral && training.Dims <= SpectralStart.MaxDims)
        {
            console.MarkupLineInterpolated(
                $"Start: the candidate maps of the positive pairs' eigenmap train {Recipe.StartTrialEpochs(training.Epochs)} epochs each first; the lowest training loss wins");
        }
    }

    public TrainJobResult WithProgress(int epochs, Func<IProgress<EpochMetrics>, TrainJobResult> run)
    {
        if (quiet)
        {
            return run(new Progress(_ => { }));
        }
        if (!console.Profile.Capabilities.Interactive)
        {
            var every = Math.Max(1, epochs / 10);
            return run(new Progress(m =>
            {
                if (m.Epoch % every == 0 || m.Epoch == m.Epochs)
                {
                    console.WriteLine(Line(m));
                }
            }));
        }
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: epochs);
                return run(new Progress(m =>
                {
                    task.Description = Markup.Escape(Line(m));
                    task.Value = m.Epoch;
                }));
            });
    }

    public void Finished(TrainJobResult result)
    {
        var report = result.Report;
        var state = report.Partial ? "[yellow]stopped early (partial)[/]" : "[green]done[/]";
        console.MarkupLine(FormattableString.Invariant(
            $"Trained {report.EpochsCompleted}/{report.Epochs} epochs in {report.TrainSeconds:F2} s, {state}: loss {report.FinalLoss:F4}, held-out loss {report.HeldoutLoss:F4}, held-out AUC [bold]{report.HeldoutAuc:F4}[/]"));
        if (!quiet && report.Start.Length > 0)
        {
            console.MarkupLineInterpolated($"Start: {report.Start}");
        }
        if (report.DataFigures.Keys.Any(k => k.StartsWith("heldout_recall", StringComparison.Ordinal)))
        {
            console.MarkupLine(FormattableString.Invariant(
                $"Held-out palettes: recall@10 of palette-mates [bold]{report.DataFigures["heldout_recall_at_10_embedding"]:F4}[/] in the embedding vs {report.DataFigures["heldout_recall_at_10_rgb"]:F4} by RGB distance"));
        }
        if (!quiet && report.Quality is { } quality)
        {
            QualityPrinter.Print(console, quality);
        }
        if (result.Render?.VideoSkipped is { } reason)
        {
            console.MarkupLineInterpolated($"[yellow]training.mp4 skipped: {reason}[/]");
        }
        if (quiet)
        {
            return;
        }
        FilesPrinter.Print(console, result.Files);
    }

    private static string Line(EpochMetrics m) => FormattableString.Invariant(
        $"epoch {m.Epoch}/{m.Epochs}  loss {m.Loss:F4}  mse {m.Mse:F4}  held-out AUC {m.HeldOutAuc:F4}  {m.Seconds:F2} s");

    /// <summary>Reports synchronously on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
