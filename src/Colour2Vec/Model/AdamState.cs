namespace Colour2Vec.Model;

/// <summary>Adam's running moments for every parameter of an <see cref="EmbeddingModel"/>, and the step count.</summary>
public sealed class AdamState
{
    public AdamState(EmbeddingModel model)
    {
        MomentEmbedding = new float[model.Embedding.Length];
        VelocityEmbedding = new float[model.Embedding.Length];
        GradientEmbedding = new float[model.Embedding.Length];
    }

    public float[] MomentEmbedding { get; }
    public float[] VelocityEmbedding { get; }
    public float MomentWeight { get; set; }
    public float VelocityWeight { get; set; }
    public float MomentBias { get; set; }
    public float VelocityBias { get; set; }

    /// <summary>Steps taken so far (Adam's t).</summary>
    public long Step { get; set; }

    /// <summary>Scratch: the batch gradient of the table, kept all-zero between steps.</summary>
    internal float[] GradientEmbedding { get; }
}
