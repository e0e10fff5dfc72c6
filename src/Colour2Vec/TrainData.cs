using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec;

/// <summary>
/// Loads the training data a job asks for: the seed's rule on a colour table (the default), designed palettes
/// mapped to a vocabulary, any item table with the seed's rule on its features, or a file of labelled pairs.
/// </summary>
internal static class TrainData
{
    public static TrainJobData Load(TrainJobOptions options)
    {
        if (options.PalettesPath is not null)
        {
            return Palettes(options);
        }
        if (options.ItemsPath is not null)
        {
            return Items(options);
        }
        return options.PairsFilePath is not null ? PairsFile(options) : SeedRule(options);
    }

    private static TrainJobData SeedRule(TrainJobOptions options)
    {
        var colours = options.ColoursPath is null ? ColourTable.BuiltIn() : ColourTable.Load(options.ColoursPath);
        // The table's size decides the step's path: compile it while the pairs are sampled.
        Trainer.CompileAheadFor(colours.Count, options.Training);
        var seed = options.Training.Seed;
        var difference = new ColourDifference(colours, options.Similarity);
        var training = SimilarityPairSampler.SampleTraining(colours, options.Pairs, seed, difference.Difference);
        var heldOut = SimilarityPairSampler.SampleHeldOut(colours, options.HeldOutPairs, seed, difference.Difference);
        return Data(options, colours, new ShuffledPairs(training, seed), training.PositiveFraction, heldOut,
            new DataSummary("colours", colours.Source) { Notes = PairsPerItemNote(options.Pairs, colours.Count, "colour") });
    }

    private static TrainJobData Palettes(TrainJobOptions options)
    {
        var seed = options.Training.Seed;
        var palettes = PaletteFile.Read(options.PalettesPath!);
        var vocabulary = Vocabulary.Parse(options.Vocabulary, options.Similarity);
        var mapped = vocabulary.Map(palettes);
        Trainer.CompileAheadFor(mapped.Items.Count, options.Training);
        var (training, heldOutPalettes) = PalettePairs.Split(mapped.Palettes, seed);
        var sampler = new NegativeSampler(training, mapped.Items.Count, options.Negatives);
        var heldOut = PalettePairs.HeldOut(heldOutPalettes, sampler, seed);
        var coverage = mapped.Coverage;
        var summary = new DataSummary("palettes", palettes.Source)
        {
            Figures = new Dictionary<string, double>
            {
                ["palettes"] = palettes.Count,
                ["palettes_skipped_short"] = palettes.SkippedShort,
                ["training_palettes"] = training.Count,
                ["heldout_palettes"] = heldOutPalettes.Count,
                ["palette_slots"] = coverage.Slots,
                ["distinct_hex"] = coverage.DistinctColours,
                ["vocabulary_size"] = coverage.VocabularySize,
                ["items_used"] = coverage.ItemsUsed,
                ["slots_per_item_used"] = coverage.SlotsPerItemUsed,
                ["items_seen_once"] = coverage.ItemsSeenOnce,
                ["negatives_per_positive"] = options.Negatives,
            },
            Notes =
            [
                $"Palettes: {palettes.Count:N0} read ({palettes.SkippedShort} with fewer than two colours skipped), {training.Count:N0} for training, {heldOutPalettes.Count:N0} held out",
                $"Vocabulary {vocabulary.Name}: {coverage}",
            ],
        };
        var source = new PaletteEpochs(training, sampler, seed);
        return Data(options, mapped.Items, source, 1.0 / (1 + options.Negatives), heldOut, summary) with
        {
            // Do palettes teach something RGB distance does not? Recall@10 of held-out palette-mates, both ways.
            AfterTraining = model => new Dictionary<string, double>
            {
                ["heldout_recall_at_10_embedding"] = PaletteRecall.At10(heldOutPalettes, mapped.Items.Count,
                    PaletteRecall.EmbeddingDistance(model.Embedding, model.Dims)),
                ["heldout_recall_at_10_rgb"] = PaletteRecall.At10(heldOutPalettes, mapped.Items.Count, PaletteRecall.RgbDistance(mapped.Items)),
            },
        };
    }

    private static TrainJobData Items(TrainJobOptions options)
    {
        var seed = options.Training.Seed;
        var items = ItemTableReader.Read(options.ItemsPath!);
        Trainer.CompileAheadFor(items.Names.Count, options.Training);
        var threshold = options.Threshold ?? ThresholdPairSampler.BuiltInMatchingThreshold;
        var training = ThresholdPairSampler.Sample(items, options.Pairs, seed, threshold, heldOut: false);
        var heldOut = ThresholdPairSampler.Sample(items, options.HeldOutPairs, seed, threshold, heldOut: true);
        var summary = new DataSummary("items", items.Source)
        {
            Figures = new Dictionary<string, double> { ["threshold"] = threshold, ["features"] = items.FeatureNames.Count },
            Notes =
            [
                $"Items: {items.Names.Count:N0} with {items.FeatureNames.Count} standardised features ({string.Join(", ", items.FeatureNames)}); threshold {threshold}; coloured by {items.ColouredBy}",
                .. PairsPerItemNote(options.Pairs, items.Names.Count, "item"),
            ],
        };
        return Data(options, items.Colours, new ShuffledPairs(training, seed), training.PositiveFraction, heldOut, summary);
    }

    private static TrainJobData PairsFile(TrainJobOptions options)
    {
        var seed = options.Training.Seed;
        var table = options.ColoursPath is null ? null : ColourTable.Load(options.ColoursPath);
        var file = PairsFileReader.Read(options.PairsFilePath!, table, seed);
        var summary = new DataSummary("pairs-file", file.Source)
        {
            Notes = [$"Pairs file: {file.Training.Count + file.HeldOut.Count:N0} rows over {file.Items.Count:N0} items; {file.HeldOut.Count:N0} held out"],
        };
        return Data(options, file.Items, new ShuffledPairs(file.Training, seed), file.Training.PositiveFraction, file.HeldOut, summary);
    }

    /// <summary>How often each item should be named by the training pairs before a map learns the items rather than the pairs.</summary>
    internal const int NamingsPerItemWanted = 60;

    /// <summary>
    /// A warning when the seed's rule is sampled too thinly for the table. On color-name-list's 31,918 colours at
    /// d = 2 and 20 epochs, 250,000 pairs (each colour named about 16 times) reach a held-out AUC of 0.58, 500,000
    /// (31 times) 0.61, 1,000,000 (63 times) 0.81 and 2,000,000 (125 times) 0.84; the default 100,000 over 500
    /// epochs trains to a loss near 0 and 0.55.
    /// </summary>
    private static string[] PairsPerItemNote(int pairs, int items, string noun)
    {
        var namings = 2.0 * pairs / items;
        return namings >= NamingsPerItemWanted
            ? []
            : [FormattableString.Invariant($"Note: {pairs:N0} pairs over {items:N0} {noun}s name each {noun} {namings:F1} times on average; a map needs about {NamingsPerItemWanted} (--pairs {(long)Math.Ceiling(NamingsPerItemWanted * items / 2.0):N0} or more), or it learns the pairs rather than the {noun}s")];
    }

    private static TrainJobData Data(TrainJobOptions options, ColourTable items, IEpochPairSource source, double positiveFraction,
        PairSet heldOut, DataSummary summary) =>
        new(items, source, positiveFraction, heldOut,
            new EmbeddingModel(items.Count, options.Training.Dims, options.Training.Recipe.WeightForm), false, summary);
}
