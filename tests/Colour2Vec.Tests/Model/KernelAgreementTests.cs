using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class KernelAgreementTests
{
    public static TheoryData<int, int, DistanceWeightForm> Cases()
    {
        var data = new TheoryData<int, int, DistanceWeightForm>();
        foreach (var dims in new[] { 1, 2, 3, 7, 8, 9, 16, 64, 256 })
        {
            foreach (var batch in new[] { 512, 160, 5 })
            {
                data.Add(dims, batch, dims % 2 == 0 ? DistanceWeightForm.Free : DistanceWeightForm.NegativeSoftplus);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_Fused_Kernel_Takes_The_Same_Steps_As_The_Scalar_Kernel(int dims, int batch, DistanceWeightForm form)
    {
        const int items = 50;
        var scalarModel = ModelFixtures.RandomModel(items, dims, form, seed: dims);
        var fusedModel = scalarModel.Clone();
        var scalarAdam = new AdamState(scalarModel);
        var fusedAdam = new AdamState(fusedModel);
        for (var step = 0; step < 5; step++)
        {
            var (left, right, labels) = ModelFixtures.RandomBatch(items, batch, seed: 100 + step);
            var expected = ScalarKernel.Instance.Step(scalarModel, scalarAdam, AdamSettings.Keras, 1e-2f, left, right, labels);
            var actual = FusedKernel.Instance.Step(fusedModel, fusedAdam, AdamSettings.Keras, 1e-2f, left, right, labels);
            Assert.Equal(expected.LossSum, actual.LossSum, Math.Max(1e-4, 1e-5 * expected.LossSum));
            Assert.Equal(expected.SquaredErrorSum, actual.SquaredErrorSum, Math.Max(1e-4, 1e-5 * expected.SquaredErrorSum));
        }
        for (var k = 0; k < scalarModel.Embedding.Length; k++)
        {
            Assert.Equal(scalarModel.Embedding[k], fusedModel.Embedding[k], 1e-4f);
        }
        Assert.Equal(scalarModel.WeightParameter, fusedModel.WeightParameter, 1e-4f);
        Assert.Equal(scalarModel.Bias, fusedModel.Bias, 1e-4f);
        Assert.All(fusedAdam.GradientEmbedding, g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData(2, 20_000)]
    [InlineData(3, 1001)]
    [InlineData(16, 333)]
    public void The_Fused_Kernel_Evaluates_Like_The_Scalar_Kernel(int dims, int count)
    {
        var model = ModelFixtures.RandomModel(80, dims, DistanceWeightForm.Free, seed: 9, range: 2f);
        var (left, right, labels) = ModelFixtures.RandomBatch(80, count, seed: 10);
        var expectedScores = new float[count];
        var actualScores = new float[count];
        var expected = ScalarKernel.Instance.Evaluate(model, left, right, labels, expectedScores);
        var actual = FusedKernel.Instance.Evaluate(model, left, right, labels, actualScores);
        Assert.Equal(expected.LossSum, actual.LossSum, 1e-5 * expected.LossSum);
        Assert.Equal(expected.SquaredErrorSum, actual.SquaredErrorSum, 1e-5 * expected.SquaredErrorSum);
        for (var k = 0; k < count; k++)
        {
            Assert.Equal(expectedScores[k], actualScores[k], 1e-5f * Math.Max(1f, Math.Abs(expectedScores[k])));
        }
    }
}
