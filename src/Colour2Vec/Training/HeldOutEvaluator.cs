using System.Runtime.CompilerServices;
using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Training;

/// <summary>
/// Held-out loss and AUC of a copy of the model, so that the evaluation can run on the pipeline's worker while
/// the next epoch trains. Two copies: one can be taken while the other is still being evaluated. The pairs
/// are kept positives first, so that the scores come out already split for the AUC.
/// </summary>
internal sealed class HeldOutEvaluator
{
    private readonly ITrainingKernel _kernel;
    private readonly PairSet _pairs;
    private readonly int _positives;
    private readonly EmbeddingModel[] _copies;
    private readonly (double Loss, double Auc)[] _results = new (double, double)[2];
    private readonly float[] _scores;
    private readonly RocAuc _auc = new();
    private int _taken;

    public HeldOutEvaluator(ITrainingKernel kernel, PairSet heldOut, EmbeddingModel shape)
    {
        _kernel = kernel;
        // Positives first, each class in its original order. (A plain loop: sorting with LINQ cost ~17 ms of
        // compilation at the start of every run.)
        var count = heldOut.Count;
        var left = new int[count];
        var right = new int[count];
        var labels = new float[count];
        _positives = 0;
        for (var k = 0; k < count; k++)
        {
            _positives += heldOut.Labels[k] > 0.5f ? 1 : 0;
        }
        int positive = 0, negative = _positives;
        for (var k = 0; k < count; k++)
        {
            var to = heldOut.Labels[k] > 0.5f ? positive++ : negative++;
            (left[to], right[to], labels[to]) = (heldOut.Left[k], heldOut.Right[k], heldOut.Labels[k]);
        }
        _pairs = new PairSet(left, right, labels);
        _copies = [shape.Clone(), shape.Clone()];
        _scores = new float[heldOut.Count];
    }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(int slot)
    {
        var totals = _kernel.Evaluate(_copies[slot], _pairs.Left, _pairs.Right, _pairs.Labels, _scores);
        var scores = _scores.AsSpan();
        _results[slot] = (totals.LossSum / _pairs.Count, _auc.OfClasses(scores[.._positives], scores[_positives..]));
    }

    public (double Loss, double Auc) Result(int slot) => _results[slot];

    /// <summary>
    /// Runs the evaluation once on the second slot's copy (still the shape's table: nothing is captured there before
    /// the second epoch ends, by when the warm-up has finished), with its own scores, and discards the result: its code
    /// is compiled fully optimised at first call, and on the worker during the first epoch that costs nothing, whereas
    /// in the first real evaluation the trainer waited for it (about 20 ms). A table of its own would be one more
    /// large buffer to commit.
    /// </summary>
    public void WarmUp()
    {
        var scores = new float[_pairs.Count];
        _kernel.Evaluate(_copies[1], _pairs.Left, _pairs.Right, _pairs.Labels, scores);
        new RocAuc().OfClasses(scores.AsSpan(0, _positives), scores.AsSpan(_positives));
    }
}
