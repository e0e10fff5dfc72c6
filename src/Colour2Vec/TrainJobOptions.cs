using Colour2Vec.Colours;
using Colour2Vec.Pairs;
using Colour2Vec.Rendering;
using Colour2Vec.Training;

namespace Colour2Vec;

/// <summary>What <c>colour2vec train</c> does, as options. Defaults are the command line's.</summary>
public sealed record TrainJobOptions
{
    /// <summary>A colour table file; null for the built-in table.</summary>
    public string? ColoursPath { get; init; }

    /// <summary>Designed palettes to learn from (JSON array of arrays of hex, or one palette per line) instead of the seed's rule.</summary>
    public string? PalettesPath { get; init; }

    /// <summary>For palettes: null (the built-in table), a colour table file, or <c>bins:N</c>.</summary>
    public string? Vocabulary { get; init; }

    /// <summary>For palettes: negatives per positive, drawn from item frequency^0.75 afresh every epoch.</summary>
    public int Negatives { get; init; } = NegativeSampler.DefaultNegativesPerPositive;

    /// <summary>Any item table (<c>name</c> plus numeric features), labelled by the seed's rule on standardised features.</summary>
    public string? ItemsPath { get; init; }

    /// <summary>For items: the factor in place of the seed's 0.2; null for the one that matches the seed's positive rate on the built-in colours.</summary>
    public double? Threshold { get; init; }

    /// <summary>Labelled pairs <c>a,b,label</c> by item name; items from <see cref="ColoursPath"/> when given.</summary>
    public string? PairsFilePath { get; init; }

    public string OutputFolder { get; init; } = "colour2vec-out";
    public int Pairs { get; init; } = 100_000;
    public int HeldOutPairs { get; init; } = 20_000;

    /// <summary>What "similar" means for the labels and the quality references (rgb is the seed's rule).</summary>
    public SimilarityMeasure Similarity { get; init; } = SimilarityMeasure.Rgb;
    public bool Force { get; init; }
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The pictures to draw after training; null for none (<c>--no-render</c>).</summary>
    public RenderOptions? Render { get; init; } = new();

    public void Validate()
    {
        if (Pairs is < 1 or > Limits.MaxPairs)
        {
            throw new InputException($"--pairs: {Pairs} is out of range; expected an integer from 1 to {Limits.MaxPairs}");
        }
        if (HeldOutPairs is < 0 or > Limits.MaxPairs)
        {
            throw new InputException($"--heldout-pairs: {HeldOutPairs} is out of range; expected an integer from 0 to {Limits.MaxPairs}");
        }
        var sources = new[] { PalettesPath, ItemsPath, PairsFilePath }.Count(p => p is not null);
        if (sources > 1 || (ColoursPath is not null && (PalettesPath is not null || ItemsPath is not null)))
        {
            throw new InputException("--palettes, --items and --pairs-file each choose the training data: give one (--colours only goes with --pairs-file)");
        }
        if (Negatives is < 1 or > 100)
        {
            throw new InputException($"--negatives: {Negatives} is out of range; expected an integer from 1 to 100");
        }
        if (Threshold is { } t && (!double.IsFinite(t) || t <= 0))
        {
            throw new InputException($"--threshold: {t} is out of range; expected a finite number above 0");
        }
        Training.Validate();
        Render?.Validate();
    }
}
