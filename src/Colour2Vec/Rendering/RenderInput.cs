using Colour2Vec.Colours;
using Colour2Vec.Training;

namespace Colour2Vec.Rendering;

/// <summary>What the pictures are made of: the colours, every saved epoch, the training curves and summary facts.</summary>
public sealed record RenderInput(ColourTable Colours, SnapshotSeries Snapshots, IReadOnlyList<EpochMetrics> History)
{
    /// <summary>Label/value lines for the explorer's side panel.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    public string Title { get; init; } = "Colour2Vec";
}
