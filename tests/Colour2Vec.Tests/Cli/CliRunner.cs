using Colour2Vec.Cli;
using Spectre.Console;

namespace Colour2Vec.Tests.Cli;

/// <summary>Runs the command line in-process on a plain, non-interactive console, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        return (CliApp.Run(args, console, error), output.ToString(), error.ToString());
    }
}
