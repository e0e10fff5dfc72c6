using System.ComponentModel;
using Colour2Vec.Colours;
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

    [CommandOption("--palettes <FILE>")]
    [Description("Learn from designed palettes instead of the seed's rule: a JSON array of arrays of hex (nice-color-palettes' 1000.json) or one palette per line.")]
    public string? Palettes { get; init; }

    [CommandOption("--vocabulary <SPEC>")]
    [Description("For --palettes: the items palette colours map to, nearest by --similarity: a colour table file, or bins:N (N levels per channel). Default: the built-in table.")]
    public string? Vocabulary { get; init; }

    [CommandOption("--negatives <K>")]
    [Description("For --palettes: negatives per positive, drawn afresh each epoch from item frequency^0.75.")]
    [DefaultValue(5)]
    public int Negatives { get; init; } = 5;

    [CommandOption("--items <FILE>")]
    [Description("Any item table: a CSV with a 'name' column and numeric feature columns (standardised), labelled by the seed's rule on the mean squared feature difference.")]
    public string? Items { get; init; }

    [CommandOption("--threshold <X>")]
    [Description("For --items: the factor in place of the seed's 0.2. Default 2.144, which gives the seed's positive rate on the built-in colours' r,g,b.")]
    public double? Threshold { get; init; }

    [CommandOption("--pairs-file <FILE>")]
    [Description("Labelled pairs 'a,b,label' (0/1) by item name; items from --colours when given; 10 % of rows held out.")]
    public string? PairsFile { get; init; }

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
    [Description("Adam learning rate. Default: the recipe's (spectral-cosine 0.05, or 0.02 above 3 dims; negative-cosine 0.02; seed 0.001).")]
    public float? LearningRate { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seeds pairs, initialisation and shuffling: the same seed gives the same bytes.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--recipe <NAME>")]
    [Description("spectral-cosine: starts from the eigenmap of the positive pairs (the best of 6 candidate maps after a trial of a tenth of the epochs each), then as negative-cosine at lr 0.05 (above 3 dims: uniform start, as negative-cosine). negative-cosine: uniform start, w = -softplus(v), lr 0.02 cosine-decayed, never inverted. seed: the seed notebook's Keras defaults exactly.")]
    [DefaultValue("spectral-cosine")]
    public string Recipe { get; init; } = Colour2Vec.Model.Recipe.Default.Name;

    [CommandOption("--similarity <MEASURE>")]
    [Description("What 'similar' means for the labels and the references: rgb (the seed's rule), lab (CIE76 ΔE) or ciede2000; lab and ciede2000 are scaled to rgb's positive fraction on the built-in table.")]
    [DefaultValue("rgb")]
    public string Similarity { get; init; } = "rgb";

    [CommandOption("--force")]
    [Description("Replace results already in --out.")]
    public bool Force { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Training threads (1-64). Default: automatic — one for small tables like the built-in one (where synchronising costs more than it saves), all cores for large ones. Results are deterministic for a given seed and thread count.")]
    public int? Threads { get; init; }

    [CommandOption("--optimizer <KIND>")]
    [Description("auto, dense (Keras: every row every step) or sparse (LazyAdam: only the rows a batch touches). auto: dense for the seed recipe and small tables, sparse for large ones.")]
    [DefaultValue("auto")]
    public string Optimizer { get; init; } = "auto";

    [CommandOption("--no-render")]
    [Description("Skip the pictures (embedding.png, training.gif/.mp4, explorer.html).")]
    public bool NoRender { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("Print only errors and the final summary line.")]
    public bool Quiet { get; init; }

    public TrainJobOptions ToOptions() => new()
    {
        ColoursPath = Colours,
        PalettesPath = Palettes,
        Vocabulary = Vocabulary,
        Negatives = Negatives,
        ItemsPath = Items,
        Threshold = Threshold,
        PairsFilePath = PairsFile,
        OutputFolder = Out,
        Pairs = Pairs,
        HeldOutPairs = HeldOutPairs,
        Force = Force,
        Similarity = Similarity.ToLowerInvariant() switch
        {
            "rgb" => SimilarityMeasure.Rgb,
            "lab" => SimilarityMeasure.Lab,
            "ciede2000" => SimilarityMeasure.Ciede2000,
            _ => throw new InputException($"--similarity: unknown measure '{Similarity}'; expected rgb, lab or ciede2000"),
        },
        Render = NoRender ? null : ToRenderOptions(),
        Training = new TrainingOptions
        {
            Dims = Dims,
            Epochs = Epochs,
            Batch = Batch,
            LearningRate = LearningRate,
            Seed = Seed,
            Threads = Threads,
            Optimizer = Optimizer.ToLowerInvariant() switch
            {
                "auto" => Colour2Vec.Model.Optimizer.Auto,
                "dense" => Colour2Vec.Model.Optimizer.Dense,
                "sparse" => Colour2Vec.Model.Optimizer.Sparse,
                _ => throw new InputException($"--optimizer: unknown optimizer '{Optimizer}'; expected auto, dense or sparse"),
            },
            Recipe = Colour2Vec.Model.Recipe.Find(Recipe)
                ?? throw new InputException($"--recipe: unknown recipe '{Recipe}'; expected one of {string.Join(", ", Colour2Vec.Model.Recipe.All.Select(r => r.Name))}"),
        },
    };
}
