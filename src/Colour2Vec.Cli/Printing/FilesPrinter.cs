using System.Globalization;
using Spectre.Console;

namespace Colour2Vec.Cli.Printing;

/// <summary>Lists written files with their sizes.</summary>
internal static class FilesPrinter
{
    public static void Print(IAnsiConsole console, IEnumerable<string> files)
    {
        console.MarkupLine("Wrote:");
        foreach (var file in files)
        {
            var bytes = new FileInfo(file).Length.ToString("N0", CultureInfo.InvariantCulture);
            console.MarkupLineInterpolated($"  {file}  ({bytes} bytes)");
        }
    }
}
