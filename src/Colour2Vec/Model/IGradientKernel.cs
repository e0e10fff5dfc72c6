namespace Colour2Vec.Model;

/// <summary>
/// A kernel split into its two phases, so that several threads can each take the gradient of a shard of one
/// batch (into their own buffers) before one Adam update: what <c>Trainer</c>'s data-parallel steps use.
/// </summary>
internal interface IGradientKernel : ITrainingKernel
{
    /// <summary>
    /// Adds the gradient of the batch's mean loss over the pairs of this shard (<paramref name="invBatch"/> is
    /// one over the whole batch's size) into <paramref name="gradientTable"/>; returns the shard's totals and the
    /// gradients of the weight parameter and the bias.
    /// </summary>
    BatchTotals Accumulate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        float invBatch, float[] gradientTable, out float gradWeightParameter, out float gradBias);

    /// <summary>Adam on the table elements [start, end) from <c>adam.GradientEmbedding</c>, which it clears there.</summary>
    void DenseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, int start, int end);

    /// <summary>
    /// LazyAdam on whole rows: row rows[s] takes the missed[s] steps it missed (<see cref="AdamCatchUp"/>) with its own,
    /// with the gradient at <c>rowGradients[s·dims ..]</c>, which is cleared; every other row keeps its value and moments.
    /// </summary>
    void SparseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        ReadOnlySpan<int> missed, Span<float> rowGradients);
}
