using System.Text.Json;
using Colour2Vec.Colours;
using Colour2Vec.Evaluation;

namespace Colour2Vec.Storage;

/// <summary><c>report.json</c>: what was trained on, how, how long it took and how good the result is.</summary>
public sealed record RunReport
{
    public string Tool { get; init; } = "colour2vec";
    public int Version { get; init; } = 1;
    public required string ColourSource { get; init; }
    public required int Colours { get; init; }
    public required int Pairs { get; init; }
    public required int HeldoutPairs { get; init; }
    public required double PositiveFraction { get; init; }
    public required int Epochs { get; init; }
    public required int EpochsCompleted { get; init; }
    public required int Dims { get; init; }
    public required int Batch { get; init; }
    public required int Seed { get; init; }
    public required string Recipe { get; init; }
    public required float LearningRate { get; init; }
    public required long Parameters { get; init; }
    public required string Kernel { get; init; }
    public required double TrainSeconds { get; init; }
    public required double FinalLoss { get; init; }
    public required double FinalMse { get; init; }
    public required double HeldoutLoss { get; init; }
    public required double HeldoutAuc { get; init; }
    public required float Weight { get; init; }
    public required float Bias { get; init; }
    public required bool Partial { get; init; }

    /// <summary>dense or sparse, and why that one ran.</summary>
    public string Optimizer { get; init; } = "dense";

    public string OptimizerReason { get; init; } = "";
    public int Threads { get; init; } = 1;
    public string ThreadsReason { get; init; } = "";

    /// <summary>How the embedding started: uniform, or which spectral candidate and the trial losses that chose it.</summary>
    public string Start { get; init; } = "";

    /// <summary>What the pairs came from: colours (the seed's rule), palettes, items or pairs-file.</summary>
    public string DataKind { get; init; } = "colours";

    /// <summary>Figures specific to the data: palette coverage and recall, the threshold for items, …</summary>
    public IReadOnlyDictionary<string, double> DataFigures { get; init; } = new Dictionary<string, double>();

    /// <summary>What "similar" meant for the labels (rgb is the seed's rule).</summary>
    public SimilarityMeasure Similarity { get; init; } = SimilarityMeasure.Rgb;

    /// <summary>How good the map is against references on the same held-out pairs; absent without held-out pairs.</summary>
    public QualityReport? Quality { get; init; }

    /// <summary>The figures a reader wants first, as label/value pairs for the explorer.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts() =>
    [
        new("colours", $"{Colours:N0} ({ColourSource})"),
        new("pairs", $"{Pairs:N0} training, {HeldoutPairs:N0} held out, {PositiveFraction:P1} positive"),
        new("recipe", $"{Recipe}, lr {LearningRate}, batch {Batch}, seed {Seed}"),
        .. (Start.Length > 0 ? [new KeyValuePair<string, string>("start", Start)] : Array.Empty<KeyValuePair<string, string>>()),
        new("epochs", Partial ? $"{EpochsCompleted} of {Epochs} (stopped early)" : $"{EpochsCompleted}"),
        new("parameters", $"{Parameters:N0} ({Dims}-D)"),
        new("final loss", $"{FinalLoss:F4}"),
        new("held-out loss", $"{HeldoutLoss:F4}"),
        new("held-out AUC", $"{HeldoutAuc:F4}"),
        new("training time", $"{TrainSeconds:F2} s ({Kernel} kernel, {Optimizer} Adam, {Threads} thread{(Threads == 1 ? "" : "s")})"),
        .. QualityFacts(),
    ];

    private IEnumerable<KeyValuePair<string, string>> QualityFacts()
    {
        if (Quality is not { } q)
        {
            yield break;
        }
        yield return new("similarity", q.Measure.ToString().ToLowerInvariant());
        yield return new("Bayes-optimal AUC", $"{q.BayesAuc:F4} (ours is {q.AucRatioToBayes:P1} of it)");
        yield return new($"PCA of the colours to {q.Dims}-D, AUC", $"{q.PcaAuc:F4}");
        yield return new("random embedding, AUC", $"{q.RandomAuc:F4}");
        yield return new("Spearman ρ (distances)", $"{q.Spearman:F4}");
        yield return new($"trustworthiness@{q.NeighbourK}", $"{q.Trustworthiness:F4}");
        yield return new($"recall@{q.NeighbourK}", $"{q.RecallAtK:F4}");
    }

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json.Options);

    public static RunReport Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<RunReport>(stream, Json.Options)
                ?? throw new InputException($"{path}: empty report");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a Colour2Vec report: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the report: {e.Message}", e);
        }
    }
}
