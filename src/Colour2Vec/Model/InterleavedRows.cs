using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>
/// The table's rows with their Adam moments, interleaved for sparse steps on a large table: row r's values, then
/// its m, then its v, in one block of native memory aligned to a cache line, each row's block a whole number of
/// lines. A sparse step touches about a thousand rows scattered over the table, and each is a cache miss: in the
/// model's own arrays a 16-float row straddles two lines in each of three arrays (six misses per row), here it
/// takes three adjacent lines. The model's arrays stay the reference: <see cref="Load"/> copies them in before
/// training, <see cref="StoreValues"/> copies the values back after every epoch (for its snapshot and held-out
/// figures) and <see cref="StoreMoments"/> the moments at the end. The Adam arithmetic is that of
/// <see cref="FusedKernel"/>'s sparse update, so the bits are the same.
/// </summary>
internal sealed unsafe class InterleavedRows : IDisposable
{
    private const int LineFloats = 64 / sizeof(float);

    /// <summary>
    /// Blocks of at least this size are allocated on 2 MiB boundaries, in whole 2 MiB pages, on huge pages and
    /// committed at once where Linux agrees (<see cref="LargeBuffers.Block"/>). A sparse step reads about a thousand
    /// rows scattered over the whole block, and in 4 KiB pages each would be a TLB miss too: 31,918 rows at d = 16 are
    /// 6 MiB, 1,536 such pages.
    /// </summary>
    public const long HugePageBytes = LargeBuffers.HugePageBytes;

    private readonly long _bytes;
    private float* _block;

    public InterleavedRows(int items, int dims)
    {
        if (dims % Vector256<float>.Count != 0)
        {
            throw new ArgumentException($"rows of {dims} floats; interleaved rows need a multiple of {Vector256<float>.Count}", nameof(dims));
        }
        Items = items;
        Dims = dims;
        Stride = StrideFor(dims);
        _bytes = BytesFor(items, dims);
        _block = (float*)LargeBuffers.Block(_bytes);
        GC.AddMemoryPressure(_bytes);
    }

    public int Items { get; }

    public int Dims { get; }

    /// <summary>Floats from one row's block to the next: 3·d rounded up to a cache line.</summary>
    public int Stride { get; }

    /// <summary>Whether the interleaved sparse step suits a model: the fused kernel's whole eight-float vectors.</summary>
    public static bool Suits(EmbeddingModel model) => model.Dims % Vector256<float>.Count == 0 && Avx.IsSupported;

    /// <summary>
    /// Bytes the block takes for <paramref name="items"/> rows of <paramref name="dims"/>: whole 2 MiB pages from
    /// <see cref="HugePageBytes"/> on.
    /// </summary>
    public static long BytesFor(long items, int dims)
    {
        var bytes = items * StrideFor(dims) * sizeof(float);
        return bytes < HugePageBytes ? bytes : (bytes + HugePageBytes - 1) / HugePageBytes * HugePageBytes;
    }

    /// <summary>Whether the block starts on a 2 MiB boundary (every block of <see cref="HugePageBytes"/> or more does).</summary>
    public bool OnHugePageBoundary => (nuint)_block % (nuint)HugePageBytes == 0;

    /// <summary>Floats from one row's block to the next at <paramref name="dims"/>: 3·d rounded up to a cache line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int StrideFor(int dims) => (3 * dims + LineFloats - 1) / LineFloats * LineFloats;

    /// <summary>Row <paramref name="row"/>'s block: values at 0, m at d, v at 2d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* Row(int row) => _block + (nint)row * Stride;

    /// <summary>Copies the model's values and the moments into the blocks.</summary>
    public void Load(EmbeddingModel model, AdamState adam)
    {
        Check(model);
        for (var r = 0; r < Items; r++)
        {
            var block = new Span<float>(Row(r), 3 * Dims);
            model.Embedding.AsSpan(r * Dims, Dims).CopyTo(block);
            adam.MomentEmbedding.AsSpan(r * Dims, Dims).CopyTo(block[Dims..]);
            adam.VelocityEmbedding.AsSpan(r * Dims, Dims).CopyTo(block[(2 * Dims)..]);
        }
    }

    /// <summary>Copies the values back into the model's table.</summary>
    public void StoreValues(EmbeddingModel model)
    {
        Check(model);
        for (var r = 0; r < Items; r++)
        {
            new ReadOnlySpan<float>(Row(r), Dims).CopyTo(model.Embedding.AsSpan(r * Dims, Dims));
        }
    }

    /// <summary>Copies m and v back into Adam's state.</summary>
    public void StoreMoments(AdamState adam)
    {
        for (var r = 0; r < Items; r++)
        {
            new ReadOnlySpan<float>(Row(r) + Dims, Dims).CopyTo(adam.MomentEmbedding.AsSpan(r * Dims, Dims));
            new ReadOnlySpan<float>(Row(r) + 2 * Dims, Dims).CopyTo(adam.VelocityEmbedding.AsSpan(r * Dims, Dims));
        }
    }

    public void Dispose()
    {
        if (_block is not null)
        {
            NativeMemory.AlignedFree(_block);
            GC.RemoveMemoryPressure(_bytes);
            _block = null;
        }
        GC.SuppressFinalize(this);
    }

    ~InterleavedRows() => Dispose();

    private void Check(EmbeddingModel model)
    {
        if (model.Items != Items || model.Dims != Dims)
        {
            throw new ArgumentException($"a model of {model.Items} x {model.Dims}; these rows are {Items} x {Dims}");
        }
    }
}
