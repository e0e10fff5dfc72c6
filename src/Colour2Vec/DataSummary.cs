namespace Colour2Vec;

/// <summary>What the training pairs came from, for the report: the kind and figures specific to it.</summary>
public sealed record DataSummary(string Kind, string Source)
{
    /// <summary>Named figures (palette coverage, recall, thresholds, …) written to report.json.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>One-line notes printed before training.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
