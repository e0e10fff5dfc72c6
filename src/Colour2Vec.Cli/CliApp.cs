using Colour2Vec.Cli.Commands;
using Colour2Vec.Rendering;
using Colour2Vec.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli;

/// <summary>
/// The command line: wiring and error reporting only. Exit codes: 0 success, 2 bad input or usage,
/// 1 any other failure. Every error is one line on stderr, never a stack trace.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? error = null)
    {
        var app = new CommandApp<TrainCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("colour2vec");
            config.PropagateExceptions();
            config.UseStrictParsing();
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train colour embeddings from labelled colour pairs (the default command).")
                .WithExample("train", "--recipe", "seed", "--out", "seed-run");
            config.AddCommand<RenderCommand>("render")
                .WithDescription("Draw a finished run's pictures again from its snapshots, without retraining.")
                .WithExample("render", "colour2vec-out", "--size", "1280x720");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("The quality report of a saved run: our AUC beside the Bayes, PCA and random references, and structure recovery.");
            config.AddCommand<SimilarCommand>("similar")
                .WithDescription("Nearest colours in a trained embedding, by name or hex.")
                .WithExample("similar", "'#ff8800'", "-k", "5");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Export a trained embedding for TensorBoard's projector or as word2vec text.")
                .WithExample("export", "colour2vec-out", "--format", "word2vec");
        });
        try
        {
            return app.Run(args);
        }
        catch (InputException e)
        {
            return Error(error, e.Message, BadInput);
        }
        catch (CommandAppException e)
        {
            return Error(error, e.Message, BadInput);
        }
        catch (ExternalToolException e)
        {
            return Error(error, e.Message, Failure);
        }
        catch (TrainingDivergedException e)
        {
            return Error(error, e.Message, Failure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error(error, e.Message, Failure);
        }
    }

    private static int Error(TextWriter? error, string message, int code)
    {
        (error ?? Console.Error).WriteLine($"colour2vec: {message.ReplaceLineEndings(" ")}");
        return code;
    }
}
