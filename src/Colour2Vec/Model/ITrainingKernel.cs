namespace Colour2Vec.Model;

/// <summary>
/// One optimisation step on a batch (forward, backward and the Adam update), and the forward pass alone for
/// evaluation. <see cref="ScalarKernel"/> is the readable reference; <see cref="FusedKernel"/> is the fast one.
/// </summary>
public interface ITrainingKernel
{
    string Name { get; }

    /// <summary>
    /// Takes one dense Adam step on the batch (mean loss over it) and returns the batch's totals, computed with
    /// the parameters before the step, as Keras reports them.
    /// </summary>
    BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels);

    /// <summary>
    /// One step with the given optimiser: <see cref="Optimizer.Sparse"/> updates only the rows the batch names.
    /// A kernel that only knows the dense form refuses sparse.
    /// </summary>
    BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels, Optimizer optimizer) =>
        optimizer == Optimizer.Sparse
            ? throw new NotSupportedException($"the {Name} kernel has no sparse Adam")
            : Step(model, adam, settings, learningRate, left, right, labels);

    /// <summary>The totals over the pairs without changing the model; each pair's score (logit) goes to <paramref name="scores"/>.</summary>
    BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        Span<float> scores);
}
