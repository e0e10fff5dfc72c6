using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class SparseAdamTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (var dims in new[] { 1, 2, 3, 7, 8, 9, 16, 64, 256 })
        {
            data.Add(dims, dims == 256 ? 40 : 160);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_Fused_Kernel_Takes_The_Same_Sparse_Steps_As_The_Scalar_Kernel(int dims, int batch)
    {
        const int items = 2000;
        var form = dims % 2 == 0 ? DistanceWeightForm.Free : DistanceWeightForm.NegativeSoftplus;
        var scalarModel = ModelFixtures.RandomModel(items, dims, form, seed: dims);
        var fusedModel = scalarModel.Clone();
        var scalarAdam = new AdamState(scalarModel);
        var fusedAdam = new AdamState(fusedModel);
        for (var step = 0; step < 5; step++)
        {
            var (left, right, labels) = ModelFixtures.RandomBatch(items, batch - step, seed: 100 + step);
            var expected = ScalarKernel.Instance.Step(scalarModel, scalarAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
            var actual = FusedKernel.Instance.Step(fusedModel, fusedAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
            Assert.Equal(expected.LossSum, actual.LossSum, Math.Max(1e-4, 1e-5 * expected.LossSum));
        }
        for (var k = 0; k < scalarModel.Embedding.Length; k++)
        {
            Assert.Equal(scalarModel.Embedding[k], fusedModel.Embedding[k], 1e-4f);
            Assert.Equal(scalarAdam.MomentEmbedding[k], fusedAdam.MomentEmbedding[k], 1e-4f);
        }
        Assert.Equal(scalarModel.WeightParameter, fusedModel.WeightParameter, 1e-4f);
        Assert.Equal(scalarModel.Bias, fusedModel.Bias, 1e-4f);
        Assert.Equal(5, fusedAdam.Step);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(72)]
    public void Steps_On_Interleaved_Rows_Give_The_Bits_Of_Sparse_Steps_On_The_Model_Arrays(int dims)
    {
        const int items = 3000;
        var model = ModelFixtures.RandomModel(items, dims, DistanceWeightForm.NegativeSoftplus, seed: dims);
        var interleavedModel = model.Clone();
        var adam = new AdamState(model);
        var interleavedAdam = new AdamState(interleavedModel);
        using var rows = new InterleavedRows(items, dims);
        rows.Load(interleavedModel, interleavedAdam);
        for (var step = 0; step < 40; step++)
        {
            var (left, right, labels) = ModelFixtures.RandomBatch(items, 200 - step, seed: 300 + step);
            var expected = FusedKernel.Instance.Step(model, adam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
            var actual = SparseBatch.Step(FusedKernel.Instance, interleavedModel, interleavedAdam, AdamSettings.Keras, 1e-2f, left, right, labels, rows);
            Assert.Equal(expected.LossSum, actual.LossSum);
        }
        // The model's arrays lag until stored; then every value and moment matches bit for bit (at the widths compiled
        // for their own, 8, 16, 32 and 64, and at others, 24 and 72).
        Assert.NotEqual(model.Embedding, interleavedModel.Embedding);
        rows.StoreValues(interleavedModel);
        rows.StoreMoments(interleavedAdam);
        ModelFixtures.AssertSameState(model, adam, interleavedModel, interleavedAdam);
    }

    [Fact]
    public unsafe void A_Table_Of_Two_MiB_Or_More_Takes_Whole_Huge_Pages_From_A_Huge_Page_Boundary()
    {
        // 31,918 rows at d = 16 (color-name-list): 192 bytes a row, 6,128,256 bytes, three 2 MiB pages.
        Assert.Equal(3 * InterleavedRows.HugePageBytes, InterleavedRows.BytesFor(31_918, 16));
        // Below 2 MiB: exactly the rows (10,000 rows at d = 8, 128 bytes each).
        Assert.Equal(1_280_000, InterleavedRows.BytesFor(10_000, 8));
        using var large = new InterleavedRows(31_918, 16);
        Assert.True(large.OnHugePageBoundary);
        Assert.Equal(0, (nint)large.Row(0) % InterleavedRows.HugePageBytes);
        // The last row's v, the block's last floats in use, is memory of the block.
        var last = large.Row(31_917);
        last[3 * 16 - 1] = 7f;
        Assert.Equal(7f, new ReadOnlySpan<float>(large.Row(0), 31_918 * 48)[31_917 * 48 + 47]);
        using var small = new InterleavedRows(10_000, 8);
        Assert.Equal(0, (nint)small.Row(0) % 64);
    }

    [Fact]
    public void Interleaved_Rows_Refuse_A_Width_That_Is_Not_Whole_Vectors_And_Rows_Outside_The_Table()
    {
        Assert.Throws<ArgumentException>(() => new InterleavedRows(10, 9));
        using var rows = new InterleavedRows(10, 8);
        Assert.Equal(32, rows.Stride);
        var model = ModelFixtures.RandomModel(10, 8, DistanceWeightForm.Free, seed: 1);
        var gradient = new float[4 * 8];
        // Row 10, and a negative one, in a last partial chunk and in a whole one.
        foreach (var (left, right) in new (int[], int[])[] { ([3, 10], [1, 2]), ([3, 1], [2, -1]), ([0, 1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7, 10]) })
        {
            var slots = new int[left.Length];
            Assert.Throws<ArgumentOutOfRangeException>(() => FusedKernel.AccumulateInterleaved(model, rows, left, right, slots, slots,
                new float[left.Length], 1f, gradient, out _, out _));
        }
        // A slot outside the gradient table.
        Assert.Throws<ArgumentOutOfRangeException>(() => FusedKernel.AccumulateInterleaved(model, rows, [1], [2], [0], [4], [1f], 1f,
            gradient, out _, out _));
        Assert.All(gradient, g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("fused")]
    public void Rows_A_Batch_Does_Not_Name_Keep_Their_Values_And_Moments_Under_Sparse_Adam(string kernelName)
    {
        ITrainingKernel kernel = kernelName == "scalar" ? ScalarKernel.Instance : FusedKernel.Instance;
        const int items = 1000, dims = 16;
        var model = ModelFixtures.RandomModel(items, dims, DistanceWeightForm.Free, seed: 3);
        var before = model.Clone();
        var adam = new AdamState(model);
        var (left, right, labels) = ModelFixtures.RandomBatch(items, 64, seed: 4);
        var weightBefore = model.WeightParameter;
        kernel.Step(model, adam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
        var named = left.Concat(right).ToHashSet();
        for (var item = 0; item < items; item++)
        {
            var row = model.Row(item);
            var original = before.Row(item);
            if (named.Contains(item))
            {
                Assert.False(row.SequenceEqual(original), $"row {item} is in the batch and should move");
            }
            else
            {
                Assert.True(row.SequenceEqual(original), $"row {item} is not in the batch and moved");
                Assert.All(adam.MomentEmbedding.AsSpan(item * dims, dims).ToArray(), m => Assert.Equal(0f, m));
            }
        }
        Assert.NotEqual(weightBefore, model.WeightParameter);
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(9, false)]
    [InlineData(16, true)]
    [InlineData(9, true)]
    public void Rows_Left_Out_Of_Batches_Catch_Up_On_Dense_Adams_Steps(int dims, bool namedAtTheEnd)
    {
        // Rows 0-3 are named at every step, rows 4-11 not: their gradient is zero, so dense Adam decays their moments and
        // moves them on their momentum every step, and sparse Adam owes them those steps. They take them when a batch
        // names them again (here in pairs with themselves, whose gradient is zero too: the catch-up is then exact), or
        // when the epoch's end settles them. The moments start warm and the step count high, where the bias correction
        // barely changes from step to step.
        const int items = 12, steps = 40;
        var sparseModel = ModelFixtures.RandomModel(items, dims, DistanceWeightForm.Free, seed: dims);
        var denseModel = sparseModel.Clone();
        var sparseAdam = new AdamState(sparseModel) { Step = 20_000 };
        var denseAdam = new AdamState(denseModel) { Step = 20_000 };
        var random = new Random(dims);
        for (var k = 0; k < sparseAdam.MomentEmbedding.Length; k++)
        {
            sparseAdam.MomentEmbedding[k] = denseAdam.MomentEmbedding[k] = (float)(random.NextDouble() - 0.5) * 1e-2f;
            sparseAdam.VelocityEmbedding[k] = denseAdam.VelocityEmbedding[k] = (float)(random.NextDouble() + 0.1) * 1e-4f;
        }
        var before = sparseModel.Clone();
        void Step(int[] left, int[] right)
        {
            var labels = left.Select((_, k) => (float)(k % 2)).ToArray();
            FusedKernel.Instance.Step(sparseModel, sparseAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
            FusedKernel.Instance.Step(denseModel, denseAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Dense);
        }
        for (var step = 0; step < steps; step++)
        {
            Step([0, 1, 2, 3], [1, 2, 3, 0]);
        }
        // Until then the rows left out have not moved: lazy Adam's state, far from dense Adam's.
        var leftOut = Enumerable.Range(4 * dims, 8 * dims).ToArray();
        Assert.All(leftOut, k => Assert.Equal(before.Embedding[k], sparseModel.Embedding[k]));
        Assert.Contains(leftOut, k => Math.Abs(denseModel.Embedding[k] - sparseModel.Embedding[k]) > 1e-3f);
        if (namedAtTheEnd)
        {
            Step([0, 2, 4, 5, 6, 7, 8, 9, 10, 11], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        }
        else
        {
            AdamCatchUp.Settle(sparseModel, sparseAdam, AdamSettings.Keras, AdamSettings.Keras.StepSize(1e-2f, sparseAdam.Step));
        }
        for (var k = 0; k < sparseModel.Embedding.Length; k++)
        {
            // The named rows took dense Adam's steps all along; the others now have, to within ε's place in the sum.
            var moved = denseModel.Embedding[k] - before.Embedding[k];
            Assert.True(Math.Abs(sparseModel.Embedding[k] - denseModel.Embedding[k]) <= 1e-4f * Math.Abs(moved) + 1e-6f,
                $"element {k}: sparse {sparseModel.Embedding[k]}, dense {denseModel.Embedding[k]}, moved {moved}");
            Assert.Equal(denseAdam.MomentEmbedding[k], sparseAdam.MomentEmbedding[k], Math.Abs(denseAdam.MomentEmbedding[k]) * 1e-4f);
            Assert.Equal(denseAdam.VelocityEmbedding[k], sparseAdam.VelocityEmbedding[k], denseAdam.VelocityEmbedding[k] * 1e-4f);
        }
        // Now no row owes a step: settling changes nothing.
        var settled = sparseModel.Clone();
        AdamCatchUp.Settle(sparseModel, sparseAdam, AdamSettings.Keras, AdamSettings.Keras.StepSize(1e-2f, sparseAdam.Step));
        Assert.Equal(settled.Embedding, sparseModel.Embedding);
    }

    [Fact]
    public void A_Batch_Reads_Each_Rows_Missed_Steps_Off_Its_Stamp()
    {
        var model = new EmbeddingModel(6, 8, DistanceWeightForm.Free);
        var stamps = new RowStamps(6);
        var batch = new SparseBatch(model, 4, stamps: stamps);
        int[] Missed(int[] left, int[] right)
        {
            var rows = batch.Prepare(model, left, right);
            return Enumerable.Range(0, rows).OrderBy(s => batch.Rows[s]).Select(s => batch.Missed[s]).ToArray();
        }
        // Step 1 names rows 1 and 2, step 2 rows 2 and 3, step 3 rows 1 and 3.
        Assert.Equal([0, 0], Missed([1], [2]));
        Assert.Equal([0, 1], Missed([2], [3]));
        Assert.Equal([1, 0], Missed([1], [3]));
        // Settled after step 3: row 0 missed all three steps, row 2 the last one; then none owes any.
        Assert.Equal(3, stamps.Settle(0));
        Assert.Equal(1, stamps.Settle(2));
        Assert.Equal(0, stamps.Settle(3));
        Assert.Equal([0, 0], Missed([0], [2]));
        // A batch sharing the stamps (mapped in turn with this one) counts on from there: step 5.
        var other = new SparseBatch(model, 4, stamps: stamps);
        other.Prepare(model, [5], [2]);
        Assert.Equal([0, 4], Enumerable.Range(0, 2).OrderBy(s => other.Rows[s]).Select(s => other.Missed[s]).ToArray());
    }

    [Fact]
    public void On_A_Batch_That_Names_Every_Row_Sparse_Adam_Is_Dense_Adam()
    {
        const int items = 8, dims = 16;
        var sparseModel = ModelFixtures.RandomModel(items, dims, DistanceWeightForm.Free, seed: 5);
        var denseModel = sparseModel.Clone();
        var sparseAdam = new AdamState(sparseModel);
        var denseAdam = new AdamState(denseModel);
        var left = Enumerable.Range(0, items).ToArray();
        var right = left.Select(i => (i + 3) % items).ToArray();
        var labels = left.Select(i => (float)(i % 2)).ToArray();
        for (var step = 0; step < 3; step++)
        {
            FusedKernel.Instance.Step(sparseModel, sparseAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Sparse);
            FusedKernel.Instance.Step(denseModel, denseAdam, AdamSettings.Keras, 1e-2f, left, right, labels, Optimizer.Dense);
        }
        for (var k = 0; k < denseModel.Embedding.Length; k++)
        {
            Assert.Equal(denseModel.Embedding[k], sparseModel.Embedding[k], 1e-6f);
        }
    }
}
