using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// Held-out loss and AUC of a copy of the model, so that the evaluation can run on the pipeline's worker while
/// the next epoch trains. Two copies: one can be taken while the other is still being evaluated.
/// </summary>
internal sealed class HeldOutEvaluator(ITrainingKernel kernel, PairSet heldOut, EmbeddingModel shape)
{
    private readonly EmbeddingModel[] _copies = [shape.Clone(), shape.Clone()];
    private readonly (double Loss, double Auc)[] _results = new (double, double)[2];
    private readonly float[] _scores = new float[heldOut.Count];
    private readonly RocAuc _auc = new();
    private int _taken;

    /// <summary>Copies the model into the next slot and returns it; the copy in that slot must no longer be in use.</summary>
    public int Capture(EmbeddingModel model)
    {
        var slot = _taken++ & 1;
        var copy = _copies[slot];
        model.Embedding.CopyTo(copy.Embedding, 0);
        copy.WeightParameter = model.WeightParameter;
        copy.Bias = model.Bias;
        return slot;
    }

    /// <summary>Evaluates the copy in <paramref name="slot"/>; one evaluation at a time.</summary>
    public void Evaluate(int slot)
    {
        var totals = kernel.Evaluate(_copies[slot], heldOut.Left, heldOut.Right, heldOut.Labels, _scores);
        _results[slot] = (totals.LossSum / heldOut.Count, _auc.Of(_scores, heldOut.Labels));
    }

    public (double Loss, double Auc) Result(int slot) => _results[slot];
}
