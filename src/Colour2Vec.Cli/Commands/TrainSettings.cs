using System.ComponentModel;
using Colour2Vec.Model;
using Colour2Vec.Training;
using Spectre.Console.Cli;

namespace Colour2Vec.Cli.Commands;

/// <summary>Options of <c>colour2vec train</c>; every default is shown by <c>--help</c>.</summary>
public sealed class TrainSettings : PictureSettings
{
    [CommandOption("--colours <PATH>")]
    [Description("Colour table CSV: Kaggle 'Color Name,…,R;G;B Dec,…', 'name,r,g,b' or 'name,hex'. Default: the built-in X11 table (658 colours).")]
    public string? Colours { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Output folder.")]
    [DefaultValue("colour2vec-out")]
    public string Out { get; init; } = "colour2vec-out";

    [CommandOption("--pairs <N>")]
    [Description("Training pairs drawn by the seed's rule.")]
    [DefaultValue(100_000)]
    public int Pairs { get; init; } = 100_000;

    [CommandOption("--heldout-pairs <N>")]
    [Description("Held-out pairs, from their own stream, never trained on (0: none).")]
    [DefaultValue(20_000)]
    public int HeldOutPairs { get; init; } = 20_000;

    [CommandOption("--epochs <N>")]
    [DefaultValue(500)]
    public int Epochs { get; init; } = 500;

    [CommandOption("--dims <D>")]
    [Description("Embedding dimensions (1-256).")]
    [DefaultValue(2)]
    public int Dims { get; init; } = 2;

    [CommandOption("--batch <N>")]
    [DefaultValue(512)]
    public int Batch { get; init; } = 512;

    [CommandOption("--learning-rate <X>")]
    [Description("Adam learning rate. Default: the recipe's (negative-cosine 0.02, seed 0.001).")]
    public float? LearningRate { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seeds pairs, initialisation and shuffling: the same seed gives the same bytes.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--recipe <NAME>")]
    [Description("negative-cosine: w = -softplus(v), lr 0.02 cosine-decayed, never inverted. seed: the seed notebook's Keras defaults exactly.")]
    [DefaultValue("negative-cosine")]
    public string Recipe { get; init; } = Colour2Vec.Model.Recipe.Default.Name;

    [CommandOption("--force")]
    [Description("Replace results already in --out.")]
    public bool Force { get; init; }

    [CommandOption("--no-render")]
    [Description("Skip the pictures (embedding.png, training.gif/.mp4, explorer.html).")]
    public bool NoRender { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("Print only errors and the final summary line.")]
    public bool Quiet { get; init; }

    public TrainJobOptions ToOptions() => new()
    {
        ColoursPath = Colours,
        OutputFolder = Out,
        Pairs = Pairs,
        HeldOutPairs = HeldOutPairs,
        Force = Force,
        Render = NoRender ? null : ToRenderOptions(),
        Training = new TrainingOptions
        {
            Dims = Dims,
            Epochs = Epochs,
            Batch = Batch,
            LearningRate = LearningRate,
            Seed = Seed,
            Recipe = Colour2Vec.Model.Recipe.Find(Recipe)
                ?? throw new InputException($"--recipe: unknown recipe '{Recipe}'; expected one of {string.Join(", ", Colour2Vec.Model.Recipe.All.Select(r => r.Name))}"),
        },
    };
}
