using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// Held-out loss and AUC of a copy of the model, computed on the thread pool so that it overlaps the next
/// epoch's training. One evaluation in flight at a time.
/// </summary>
internal sealed class HeldOutEvaluator(ITrainingKernel kernel, PairSet heldOut, EmbeddingModel shape)
{
    private readonly EmbeddingModel _copy = shape.Clone();
    private readonly float[] _scores = new float[heldOut.Count];
    private readonly RocAuc _auc = new();
    private Task<(double Loss, double Auc)>? _running;

    public void Start(EmbeddingModel model)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("an evaluation is already running");
        }
        model.Embedding.CopyTo(_copy.Embedding, 0);
        _copy.WeightParameter = model.WeightParameter;
        _copy.Bias = model.Bias;
        _running = Task.Run(Evaluate);
    }

    public (double Loss, double Auc) Wait()
    {
        if (_running is null)
        {
            return (double.NaN, double.NaN);
        }
        var result = _running.GetAwaiter().GetResult();
        _running = null;
        return result;
    }

    private (double Loss, double Auc) Evaluate()
    {
        var totals = kernel.Evaluate(_copy, heldOut.Left, heldOut.Right, heldOut.Labels, _scores);
        return (totals.LossSum / heldOut.Count, _auc.Of(_scores, heldOut.Labels));
    }
}
