namespace Colour2Vec.Model;

/// <summary>
/// One optimisation step on a batch (forward, backward and the Adam update), and the forward pass alone for
/// evaluation. <see cref="ScalarKernel"/> is the readable reference; <see cref="FusedKernel"/> is the fast one.
/// </summary>
public interface ITrainingKernel
{
    string Name { get; }

    /// <summary>
    /// Takes one Adam step on the batch (mean loss over it) and returns the batch's totals, computed with the
    /// parameters before the step, as Keras reports them.
    /// </summary>
    BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels);

    /// <summary>The totals over the pairs without changing the model; each pair's score (logit) goes to <paramref name="scores"/>.</summary>
    BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        Span<float> scores);
}
