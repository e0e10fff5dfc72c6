using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

/// <summary>Small random models and batches for the kernel tests.</summary>
internal static class ModelFixtures
{
    public static EmbeddingModel RandomModel(int items, int dims, DistanceWeightForm form, int seed, float range = 0.8f)
    {
        var random = new Random(seed);
        var model = new EmbeddingModel(items, dims, form)
        {
            WeightParameter = form == DistanceWeightForm.Free ? -1.3f : 0.4f,
            Bias = 0.7f,
        };
        for (var k = 0; k < model.Embedding.Length; k++)
        {
            model.Embedding[k] = (float)((random.NextDouble() * 2 - 1) * range);
        }
        return model;
    }

    public static (int[] Left, int[] Right, float[] Labels) RandomBatch(int items, int count, int seed)
    {
        var random = new Random(seed);
        var left = new int[count];
        var right = new int[count];
        var labels = new float[count];
        for (var k = 0; k < count; k++)
        {
            left[k] = random.Next(items);
            right[k] = random.Next(items);
            labels[k] = random.Next(2);
        }
        return (left, right, labels);
    }

    /// <summary>Asserts that two models and their Adam states hold the same bits: table, moments, weight and bias.</summary>
    public static void AssertSameState(EmbeddingModel expected, AdamState expectedAdam, EmbeddingModel actual, AdamState actualAdam)
    {
        Assert.Equal(expected.Embedding, actual.Embedding);
        Assert.Equal(expectedAdam.MomentEmbedding, actualAdam.MomentEmbedding);
        Assert.Equal(expectedAdam.VelocityEmbedding, actualAdam.VelocityEmbedding);
        Assert.Equal(expected.WeightParameter, actual.WeightParameter);
        Assert.Equal(expected.Bias, actual.Bias);
    }

    /// <summary>The mean loss in double precision, straight from the definition.</summary>
    public static double MeanLoss(EmbeddingModel model, int[] left, int[] right, float[] labels)
    {
        double sum = 0;
        for (var k = 0; k < left.Length; k++)
        {
            double d2 = 0;
            for (var t = 0; t < model.Dims; t++)
            {
                double delta = model.Embedding[left[k] * model.Dims + t] - model.Embedding[right[k] * model.Dims + t];
                d2 += delta * delta;
            }
            double w = model.WeightForm == DistanceWeightForm.Free
                ? model.WeightParameter
                : -Math.Log(1 + Math.Exp(model.WeightParameter));
            var score = w * d2 + model.Bias;
            var p = 1 / (1 + Math.Exp(-score));
            sum += labels[k] > 0.5f ? -Math.Log(p) : -Math.Log(1 - p);
        }
        return sum / left.Length;
    }
}
