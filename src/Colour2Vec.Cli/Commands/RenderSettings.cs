using System.ComponentModel;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>Options of <c>colour2vec render</c>.</summary>
public sealed class RenderSettings : PictureSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A folder written by 'colour2vec train'.")]
    public string Folder { get; init; } = "";
}
