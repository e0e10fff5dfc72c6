using Colour2Vec.Colours;
using Colour2Vec.Training;

namespace Colour2Vec.Rendering;

/// <summary>What the explorer page shows: the colours, every saved epoch on the plane, the training curves, and summary facts.</summary>
public sealed record ExplorerInput(ColourTable Colours, PlaneSeries Plane, IReadOnlyList<EpochMetrics> History, string Title)
{
    /// <summary>Label/value lines shown beside the plot (recipe, seed, held-out AUC, quality references, …).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];
}
