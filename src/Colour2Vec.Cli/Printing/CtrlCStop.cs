using Spectre.Console;

namespace Colour2Vec.Cli.Printing;

/// <summary>The first Ctrl-C asks training to stop after the current epoch and still write what it has; a second one kills the process.</summary>
internal sealed class CtrlCStop : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly IAnsiConsole _console;

    public CtrlCStop(IAnsiConsole console, CancellationToken outer)
    {
        _console = console;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }
        e.Cancel = true;
        _source.Cancel();
        _console.MarkupLine("[yellow]Stopping after this epoch; what is trained so far will be written, marked partial.[/]");
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
