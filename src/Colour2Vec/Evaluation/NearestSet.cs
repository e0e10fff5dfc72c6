namespace Colour2Vec.Evaluation;

/// <summary>
/// The k smallest distances seen so far, kept sorted by insertion (k is about 10, so this beats a heap).
/// Candidates must be offered in increasing index order: an equal distance then never displaces an earlier
/// index, which makes ties break towards the lower index everywhere. Reusable with <see cref="Clear"/>.
/// </summary>
internal sealed class NearestSet(int k)
{
    private readonly int[] _indices = new int[k];
    private readonly double[] _distances = new double[k];

    public int Count { get; private set; }
    public int Capacity => _indices.Length;
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);
    public ReadOnlySpan<double> Distances => _distances.AsSpan(0, Count);

    /// <summary>The distance a candidate must beat to enter: +∞ until the set is full.</summary>
    public double Bound => Count < _indices.Length ? double.PositiveInfinity : _distances[Count - 1];

    public void Clear() => Count = 0;

    public void Offer(int index, double distance)
    {
        if (Count == _indices.Length)
        {
            if (!(distance < _distances[Count - 1]))
            {
                return;
            }
            Count--;
        }
        var position = Count;
        while (position > 0 && _distances[position - 1] > distance)
        {
            _indices[position] = _indices[position - 1];
            _distances[position] = _distances[position - 1];
            position--;
        }
        _indices[position] = index;
        _distances[position] = distance;
        Count++;
    }

    public bool Contains(int index) => Indices.Contains(index);
}
