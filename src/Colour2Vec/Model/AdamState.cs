namespace Colour2Vec.Model;

/// <summary>Adam's running moments for every parameter of an <see cref="EmbeddingModel"/>, and the step count.</summary>
public sealed class AdamState
{
    private SparseBatch? _sparseBatch;
    private float[]? _gradient;

    public AdamState(EmbeddingModel model)
    {
        Items = model.Items;
        Dims = model.Dims;
        MomentEmbedding = LargeBuffers.Array<float>(model.Embedding.Length);
        VelocityEmbedding = LargeBuffers.Array<float>(model.Embedding.Length);
        Stamps = new RowStamps(model.Items);
    }

    public float[] MomentEmbedding { get; }
    public float[] VelocityEmbedding { get; }
    public float MomentWeight { get; set; }
    public float VelocityWeight { get; set; }
    public float MomentBias { get; set; }
    public float VelocityBias { get; set; }

    /// <summary>Steps taken so far (Adam's t).</summary>
    public long Step { get; set; }

    /// <summary>
    /// Sparse steps' stamps: per row, the sparse step that last named it, which also tells how many steps it missed
    /// (<see cref="AdamCatchUp"/>). Every <see cref="Model.SparseBatch"/> stepping this state maps its batches on these.
    /// </summary>
    internal RowStamps Stamps { get; }

    /// <summary>
    /// Scratch: the batch gradient of the table, kept all-zero between steps; made on first use (sparse steps on a
    /// large table never use it).
    /// </summary>
    internal float[] GradientEmbedding => _gradient ??= LargeBuffers.Array<float>((long)Items * Dims);

    internal int Items { get; }
    internal int Dims { get; }

    /// <summary>Scratch for sparse steps on one thread, made on first use and when a batch outgrows it.</summary>
    internal SparseBatch SparseBatch(EmbeddingModel model, int batch)
    {
        if (_sparseBatch is null || _sparseBatch.Left.Length < batch)
        {
            _sparseBatch = new SparseBatch(model, batch, stamps: Stamps);
        }
        return _sparseBatch;
    }
}
