namespace Colour2Vec.Model;

/// <summary>Adam's running moments for every parameter of an <see cref="EmbeddingModel"/>, and the step count.</summary>
public sealed class AdamState
{
    private SparseBatch? _sparseBatch;

    public AdamState(EmbeddingModel model)
    {
        Items = model.Items;
        Dims = model.Dims;
        MomentEmbedding = new float[model.Embedding.Length];
        VelocityEmbedding = new float[model.Embedding.Length];
        GradientEmbedding = new float[model.Embedding.Length];
        RowSteps = new int[model.Items];
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
    /// Sparse Adam's record, per row, of the step its value and moments have taken every step through (the low 32 bits
    /// of <see cref="Step"/>); see <see cref="AdamCatchUp"/>. Between epochs every row is at <see cref="Step"/>.
    /// </summary>
    internal int[] RowSteps { get; }

    /// <summary>Marks every row up to date at <see cref="Step"/>: for a state whose rows owe no step (one read back from a file).</summary>
    internal void MarkRowsCurrent() => Array.Fill(RowSteps, (int)Step);

    /// <summary>Scratch: the batch gradient of the table, kept all-zero between steps.</summary>
    internal float[] GradientEmbedding { get; }

    internal int Items { get; }
    internal int Dims { get; }

    /// <summary>Scratch for sparse steps on one thread, made on first use and when a batch outgrows it.</summary>
    internal SparseBatch SparseBatch(EmbeddingModel model, int batch)
    {
        if (_sparseBatch is null || _sparseBatch.Left.Length < batch)
        {
            _sparseBatch = new SparseBatch(model, batch);
        }
        return _sparseBatch;
    }
}
