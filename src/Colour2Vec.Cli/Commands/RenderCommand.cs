using Colour2Vec.Rendering;
using Colour2Vec.Storage;
using Spectre.Console;
using Spectre.Console.Cli;
using Colour2Vec.Cli.Printing;

namespace Colour2Vec.Cli.Commands;

/// <summary><c>colour2vec render DIR</c>: the pictures again, from the saved snapshots.</summary>
public sealed class RenderCommand(IAnsiConsole console) : Command<RenderSettings>
{
    public override int Execute(CommandContext context, RenderSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToRenderOptions();
        options.Validate();
        var input = RunFolder.LoadForRendering(settings.Folder);
        using var output = new StagedOutput(settings.Folder);
        var result = Renderer.Stage(input, options, output);
        output.Commit();
        if (result.VideoSkipped is { } reason)
        {
            console.MarkupLineInterpolated($"[yellow]training.mp4 skipped: {reason}[/]");
        }
        FilesPrinter.Print(console, output.Files);
        return CliApp.Success;
    }
}
