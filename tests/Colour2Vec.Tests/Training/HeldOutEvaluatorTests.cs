using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Tests.Model;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class HeldOutEvaluatorTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Reordered_Pairs_And_A_Warm_Up_Give_The_Figures_Of_The_Pairs_As_Given(int dims)
    {
        // The evaluator keeps the pairs positives first and may warm up on a blank table between a capture and
        // its evaluation; neither may change what it reports for the captured model.
        var model = ModelFixtures.RandomModel(60, dims, DistanceWeightForm.Free, seed: 3, range: 2f);
        var (left, right, labels) = ModelFixtures.RandomBatch(60, 1001, seed: 4);
        var pairs = new PairSet(left, right, labels);
        var scores = new float[pairs.Count];
        var expected = FusedKernel.Instance.Evaluate(model, left, right, labels, scores);
        var expectedAuc = RocAuc.Compute(scores, labels);

        var evaluator = new HeldOutEvaluator(FusedKernel.Instance, pairs, model);
        var slot = evaluator.Capture(model);
        evaluator.WarmUp();
        evaluator.Evaluate(slot);
        var (loss, auc) = evaluator.Result(slot);

        Assert.Equal(expectedAuc, auc);
        Assert.Equal(expected.LossSum / pairs.Count, loss, 1e-6);
    }
}
