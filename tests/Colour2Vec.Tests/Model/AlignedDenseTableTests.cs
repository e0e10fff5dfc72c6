using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class AlignedDenseTableTests
{
    [Theory]
    [InlineData(2, 512, DistanceWeightForm.Free)]
    [InlineData(2, 165, DistanceWeightForm.NegativeSoftplus)]
    [InlineData(3, 512, DistanceWeightForm.NegativeSoftplus)]
    [InlineData(16, 100, DistanceWeightForm.Free)]
    public void Dense_Steps_On_The_Aligned_Copy_Give_The_Same_Bits_As_On_The_Models_Arrays(int dims, int batch, DistanceWeightForm form)
    {
        const int items = 329; // 658 floats at d = 2: not a whole number of cache lines, so each part is padded
        var plainModel = ModelFixtures.RandomModel(items, dims, form, seed: dims);
        var alignedModel = plainModel.Clone();
        var plainAdam = new AdamState(plainModel);
        var alignedAdam = new AdamState(alignedModel);
        using var table = new AlignedDenseTable(alignedModel.Embedding.Length);
        table.Load(alignedModel, alignedAdam);
        for (var step = 0; step < 6; step++)
        {
            var (left, right, labels) = ModelFixtures.RandomBatch(items, batch, seed: 200 + step);
            var expected = FusedKernel.Instance.Step(plainModel, plainAdam, AdamSettings.Keras, 1e-2f, left, right, labels);
            var actual = FusedKernel.DenseStep(alignedModel, alignedAdam, AdamSettings.Keras, 1e-2f, left, right, labels, table);
            Assert.Equal(expected, actual);
        }
        // The model's arrays lag until stored back.
        Assert.NotEqual(plainModel.Embedding, alignedModel.Embedding);
        table.StoreValues(alignedModel);
        table.StoreMoments(alignedAdam);
        ModelFixtures.AssertSameState(plainModel, plainAdam, alignedModel, alignedAdam);
        Assert.Equal(plainAdam.Step, alignedAdam.Step);
        Assert.All(plainAdam.GradientEmbedding, g => Assert.Equal(0f, g));
    }

    [Fact]
    public unsafe void Each_Part_Starts_On_A_Cache_Line_And_Load_Copies_The_Model_In()
    {
        var model = ModelFixtures.RandomModel(329, 2, DistanceWeightForm.Free, seed: 4);
        var adam = new AdamState(model);
        adam.MomentEmbedding.AsSpan().Fill(0.25f);
        adam.VelocityEmbedding.AsSpan().Fill(0.5f);
        using var table = new AlignedDenseTable(model.Embedding.Length);
        table.Load(model, adam);
        foreach (var part in new[] { (nint)table.Values, (nint)table.Gradient, (nint)table.Moment, (nint)table.Velocity })
        {
            Assert.Equal(0, part % 64);
        }
        Assert.Equal(model.Embedding, new ReadOnlySpan<float>(table.Values, table.Length).ToArray());
        Assert.All(new ReadOnlySpan<float>(table.Gradient, table.Length).ToArray(), g => Assert.Equal(0f, g));
        Assert.All(new ReadOnlySpan<float>(table.Moment, table.Length).ToArray(), m => Assert.Equal(0.25f, m));
        Assert.All(new ReadOnlySpan<float>(table.Velocity, table.Length).ToArray(), v => Assert.Equal(0.5f, v));
        Assert.Throws<ArgumentException>(() => table.Load(ModelFixtures.RandomModel(330, 2, DistanceWeightForm.Free, seed: 4), adam));
    }

    [Fact]
    public void Only_Tables_Up_To_A_Megabyte_Get_A_Copy_And_A_Disposed_One_Refuses_Use()
    {
        Assert.True(AlignedDenseTable.Suits(1_316));
        Assert.True(AlignedDenseTable.Suits(AlignedDenseTable.MaxBytes / sizeof(float)));
        Assert.False(AlignedDenseTable.Suits(AlignedDenseTable.MaxBytes / sizeof(float) + 1));
        Assert.False(AlignedDenseTable.Suits(0));
        Assert.Equal(4 * 1_328 * sizeof(float), AlignedDenseTable.BytesFor(1_316));
        var table = new AlignedDenseTable(16);
        table.Dispose();
        Assert.Throws<ObjectDisposedException>(() => table.StoreValues(new EmbeddingModel(8, 2, DistanceWeightForm.Free)));
    }
}
