using System.Runtime.InteropServices;

namespace Colour2Vec.Model;

/// <summary>
/// The table's values, its gradient and Adam's two moments, each starting on a cache line, for dense steps of the
/// fused kernel on one thread. Dense Adam sweeps all four eight floats at a time, and .NET places an array's
/// elements 16 bytes after an 8-byte-aligned object start: in the model's own arrays a 32-byte vector straddles two
/// cache lines one time in two, by a different offset in each array. A sweep of the seed run's 1,316 parameters took
/// 0.85 µs with all four aligned and 0.93–1.09 µs at the offsets plain arrays got (harness, 20,000 sweeps each).
/// <para>
/// As with <see cref="InterleavedRows"/>, the model's arrays stay the reference: <see cref="Load"/> copies them in
/// before training, <see cref="StoreValues"/> copies the values back after every epoch (for its snapshot and held-out
/// figures) and <see cref="StoreMoments"/> the moments at the end. The arithmetic is the same, so are the bits.
/// Used for tables up to <see cref="MaxBytes"/> a copy, where the sweep runs in cache and the split loads and
/// stores are what it waits on; a larger table waits on memory instead, and a second copy would only cost memory.
/// </para>
/// </summary>
internal sealed unsafe class AlignedDenseTable : IDisposable
{
    /// <summary>The largest table (values alone) given an aligned copy: 1 MB, e.g. 16,384 colours at d = 16.</summary>
    public const long MaxBytes = 1 << 20;

    private const int LineFloats = 64 / sizeof(float);
    private float* _block;

    public AlignedDenseTable(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        Stride = (length + LineFloats - 1) / LineFloats * LineFloats;
        _block = (float*)NativeMemory.AlignedAlloc((nuint)BytesFor(length), 64);
        // Zeroed: the gradient is all zero between steps, and the padding after each part is never read as data.
        NativeMemory.Clear(_block, (nuint)BytesFor(length));
        GC.AddMemoryPressure(BytesFor(length));
    }

    /// <summary>Floats in each part (the table's values).</summary>
    public int Length { get; }

    /// <summary>Floats from one part to the next: <see cref="Length"/> rounded up to a cache line.</summary>
    private int Stride { get; }

    public float* Values => Part(0);
    public float* Gradient => Part(1);
    public float* Moment => Part(2);
    public float* Velocity => Part(3);

    /// <summary>Whether a table of <paramref name="elements"/> floats gets an aligned copy (see <see cref="MaxBytes"/>).</summary>
    public static bool Suits(long elements) => elements > 0 && elements * sizeof(float) <= MaxBytes;

    /// <summary>Bytes the four parts take for a table of <paramref name="elements"/> floats.</summary>
    public static long BytesFor(long elements) => 4 * ((elements + LineFloats - 1) / LineFloats * LineFloats) * sizeof(float);

    /// <summary>Copies the model's values and Adam's moments in.</summary>
    public void Load(EmbeddingModel model, AdamState adam)
    {
        Check(model.Embedding.Length);
        model.Embedding.CopyTo(new Span<float>(Values, Length));
        adam.MomentEmbedding.CopyTo(new Span<float>(Moment, Length));
        adam.VelocityEmbedding.CopyTo(new Span<float>(Velocity, Length));
        new Span<float>(Gradient, Length).Clear();
    }

    /// <summary>Copies the values back into the model's table.</summary>
    public void StoreValues(EmbeddingModel model)
    {
        Check(model.Embedding.Length);
        new ReadOnlySpan<float>(Values, Length).CopyTo(model.Embedding);
    }

    /// <summary>Copies m and v back into Adam's state.</summary>
    public void StoreMoments(AdamState adam)
    {
        Check(adam.MomentEmbedding.Length);
        new ReadOnlySpan<float>(Moment, Length).CopyTo(adam.MomentEmbedding);
        new ReadOnlySpan<float>(Velocity, Length).CopyTo(adam.VelocityEmbedding);
    }

    public void Dispose()
    {
        if (_block is not null)
        {
            NativeMemory.AlignedFree(_block);
            GC.RemoveMemoryPressure(BytesFor(Length));
            _block = null;
        }
        GC.SuppressFinalize(this);
    }

    ~AlignedDenseTable() => Dispose();

    private float* Part(int part)
    {
        ObjectDisposedException.ThrowIf(_block is null, this);
        return _block + (nint)part * Stride;
    }

    private void Check(int length)
    {
        if (length != Length)
        {
            throw new ArgumentException($"a table of {length} floats; this copy holds {Length}");
        }
    }
}
