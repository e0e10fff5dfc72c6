using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>
/// The embedding after each saved epoch (the seed's LambdaCallback), as float32 in one contiguous block:
/// snapshot s is <c>Data[s·Items·Dims ..]</c>, taken after epoch <c>Epochs[s]</c>.
/// </summary>
public sealed class SnapshotSeries
{
    private float[] _data;
    private readonly List<int> _epochs = [];

    public SnapshotSeries(int items, int dims, int expected = 16)
    {
        Items = items;
        Dims = dims;
        _data = LargeBuffers.Array<float>((long)items * dims * Math.Max(1, expected));
    }

    public int Items { get; }
    public int Dims { get; }
    public int Count => _epochs.Count;
    public IReadOnlyList<int> Epochs => _epochs;
    public int RowLength => Items * Dims;

    public ReadOnlySpan<float> this[int snapshot] => _data.AsSpan(snapshot * RowLength, RowLength);

    /// <summary>All snapshots back to back.</summary>
    public ReadOnlySpan<float> Data => _data.AsSpan(0, Count * RowLength);

    public void Add(int epoch, ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != RowLength)
        {
            throw new ArgumentException($"expected {RowLength} values, got {embedding.Length}");
        }
        if ((long)(Count + 1) * RowLength > _data.Length)
        {
            var grown = LargeBuffers.Array<float>(Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)(Count + 1) * RowLength)));
            _data.CopyTo(grown, 0);
            _data = grown;
        }
        embedding.CopyTo(_data.AsSpan(Count * RowLength));
        _epochs.Add(epoch);
    }
}
