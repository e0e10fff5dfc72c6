using System.Runtime.CompilerServices;

namespace Colour2Vec.Model;

/// <summary>
/// The reference kernel, one pair at a time, written to read like the maths:
/// <code>
/// d2 = ‖e_i − e_j‖²,  score = w·d2 + b,  p = σ(score)
/// loss = max(score, 0) − score·y + log(1 + e^−|score|)          (stable BCE on the logit)
/// gradScore = (p − y) / B
/// ∂/∂w = gradScore·d2,  ∂/∂b = gradScore,  ∂/∂e_i = 2·w·gradScore·(e_i − e_j) = −∂/∂e_j
/// </code>
/// then Adam: dense on every parameter (rows the batch did not touch still decay and move, as in tf.keras), or
/// sparse (LazyAdam) on the rows the batch names plus the weight and bias.
/// </summary>
public sealed class ScalarKernel : IGradientKernel
{
    public static ScalarKernel Instance { get; } = new();

    public string Name => "scalar";

    public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels) =>
        Step(model, adam, settings, learningRate, left, right, labels, Optimizer.Dense);

    public BatchTotals Step(EmbeddingModel model, AdamState adam, AdamSettings settings, float learningRate,
        ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels, Optimizer optimizer)
    {
        if (optimizer == Optimizer.Sparse)
        {
            return Model.SparseBatch.Step(this, model, adam, settings, learningRate, left, right, labels);
        }
        var totals = Backward(model, left, right, labels, 1f / left.Length, adam.GradientEmbedding,
            out var gradWeightParameter, out var gradBias);
        adam.Step++;
        var stepSize = settings.StepSize(learningRate, adam.Step);
        DenseAdam(model, adam, settings, stepSize, 0, model.Embedding.Length);
        UpdateWeightAndBias(model, adam, settings, stepSize, gradWeightParameter, gradBias);
        return totals;
    }

    BatchTotals IGradientKernel.Accumulate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right,
        ReadOnlySpan<float> labels, float invBatch, float[] gradientTable, out float gradWeightParameter, out float gradBias) =>
        Backward(model, left, right, labels, invBatch, gradientTable, out gradWeightParameter, out gradBias);

    /// <summary>Dense Adam: every element in [start, end), touched by the batch or not.</summary>
    public void DenseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, int start, int end)
    {
        var embedding = model.Embedding;
        var gradient = adam.GradientEmbedding;
        for (var k = start; k < end; k++)
        {
            embedding[k] = AdamUpdate(embedding[k], gradient[k], ref adam.MomentEmbedding[k], ref adam.VelocityEmbedding[k], settings, stepSize);
            gradient[k] = 0f;
        }
    }

    /// <summary>
    /// LazyAdam: only the given rows' moments and values change, each taking the <paramref name="missed"/> steps it
    /// missed since it was last named with its own (<see cref="AdamCatchUp"/>); the rest keep theirs until they are
    /// named or the epoch ends.
    /// </summary>
    public void SparseAdam(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize, ReadOnlySpan<int> rows,
        ReadOnlySpan<int> missed, Span<float> rowGradients)
    {
        var dims = model.Dims;
        var embedding = model.Embedding;
        var catchUp = AdamCatchUp.For(settings);
        for (var s = 0; s < rows.Length; s++)
        {
            catchUp.Factors(missed[s], stepSize, out var momentScale, out var velocityScale, out var drift);
            for (var t = 0; t < dims; t++)
            {
                var k = rows[s] * dims + t;
                embedding[k] = catchUp.Step(embedding[k], rowGradients[s * dims + t], ref adam.MomentEmbedding[k], ref adam.VelocityEmbedding[k],
                    momentScale, velocityScale, drift, stepSize);
                rowGradients[s * dims + t] = 0f;
            }
        }
    }

    /// <summary>The weight parameter and the bias take an Adam step every step, under either optimiser.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void UpdateWeightAndBias(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize,
        float gradWeightParameter, float gradBias)
    {
        float m = adam.MomentWeight, v = adam.VelocityWeight;
        model.WeightParameter = AdamUpdate(model.WeightParameter, gradWeightParameter, ref m, ref v, settings, stepSize);
        (adam.MomentWeight, adam.VelocityWeight) = (m, v);
        m = adam.MomentBias;
        v = adam.VelocityBias;
        model.Bias = AdamUpdate(model.Bias, gradBias, ref m, ref v, settings, stepSize);
        (adam.MomentBias, adam.VelocityBias) = (m, v);
    }

    /// <summary>
    /// The batch's loss totals and the gradients of the mean loss: added into <paramref name="gradEmbedding"/>
    /// for the table, returned for the weight parameter and the bias.
    /// </summary>
    internal static BatchTotals Backward(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right,
        ReadOnlySpan<float> labels, Span<float> gradEmbedding, out float gradWeightParameter, out float gradBias) =>
        Backward(model, left, right, labels, 1f / left.Length, gradEmbedding, out gradWeightParameter, out gradBias);

    /// <summary>As above for a shard of a batch: <paramref name="invBatch"/> is one over the whole batch's size.</summary>
    internal static BatchTotals Backward(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right,
        ReadOnlySpan<float> labels, float invBatch, Span<float> gradEmbedding, out float gradWeightParameter, out float gradBias)
    {
        var dims = model.Dims;
        var embedding = model.Embedding;
        var w = model.Weight;
        var b = model.Bias;
        double lossSum = 0, squaredErrorSum = 0;
        float gradWeight = 0;
        gradBias = 0;
        for (var k = 0; k < left.Length; k++)
        {
            int i = left[k] * dims, j = right[k] * dims;
            var d2 = 0f;
            for (var t = 0; t < dims; t++)
            {
                var delta = embedding[i + t] - embedding[j + t];
                d2 += delta * delta;
            }
            var score = w * d2 + b;
            var y = labels[k];
            var p = 1f / (1f + MathF.Exp(-score));
            lossSum += MathF.Max(score, 0f) - score * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(score)));
            squaredErrorSum += (p - y) * (p - y);
            var gradScore = (p - y) * invBatch;
            gradWeight += gradScore * d2;
            gradBias += gradScore;
            var gradRow = 2f * w * gradScore;
            for (var t = 0; t < dims; t++)
            {
                var g = gradRow * (embedding[i + t] - embedding[j + t]);
                gradEmbedding[i + t] += g;
                gradEmbedding[j + t] -= g;
            }
        }
        gradWeightParameter = gradWeight * EmbeddingModel.WeightDerivative(model.WeightForm, model.WeightParameter);
        return new BatchTotals(lossSum, squaredErrorSum);
    }

    public BatchTotals Evaluate(EmbeddingModel model, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels,
        Span<float> scores)
    {
        double lossSum = 0, squaredErrorSum = 0;
        for (var k = 0; k < left.Length; k++)
        {
            var score = model.Score(left[k], right[k]);
            var y = labels[k];
            var p = 1f / (1f + MathF.Exp(-score));
            lossSum += MathF.Max(score, 0f) - score * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(score)));
            squaredErrorSum += (p - y) * (p - y);
            scores[k] = score;
        }
        return new BatchTotals(lossSum, squaredErrorSum);
    }

    /// <summary>One parameter's Adam update in Keras's epsilon-hat form; returns the new value.</summary>
    internal static float AdamUpdate(float parameter, float gradient, ref float moment, ref float velocity,
        AdamSettings settings, float stepSize)
    {
        moment = settings.Beta1 * moment + (1f - settings.Beta1) * gradient;
        velocity = settings.Beta2 * velocity + (1f - settings.Beta2) * gradient * gradient;
        return parameter - stepSize * moment / (MathF.Sqrt(velocity) + settings.Epsilon);
    }
}
