using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Colour2Vec.Training;

namespace Colour2Vec.Storage;

/// <summary>
/// <c>snapshots.bin</c>: every saved epoch's embedding, little-endian.
/// <code>
/// bytes 0–7    "C2VSNAP1"
/// int32        items, dims, count
/// int32[count] epoch of each snapshot
/// float32[count · items · dims]  snapshot after snapshot, each row-major like embedding.csv
/// </code>
/// </summary>
public static class SnapshotFile
{
    private static ReadOnlySpan<byte> Magic => "C2VSNAP1"u8;
    private const int HeaderBytes = 8 + 3 * 4;

    public static void Write(Stream stream, SnapshotSeries snapshots)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], snapshots.Items);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], snapshots.Dims);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapshots.Count);
        stream.Write(header);
        var epochs = snapshots.Epochs.ToArray();
        WriteLittleEndian(stream, MemoryMarshal.AsBytes(epochs.AsSpan()));
        WriteLittleEndian(stream, MemoryMarshal.AsBytes(snapshots.Data));
    }

    public static SnapshotSeries Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the snapshots: {e.Message}", e);
        }
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InputException($"{path}: not a Colour2Vec snapshots file; expected it to start with 'C2VSNAP1'");
        }
        var items = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var dims = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        if (items < 1 || dims < 1 || dims > Limits.MaxDims || count < 0)
        {
            throw new InputException($"{path}: corrupt header (items {items}, dims {dims}, snapshots {count})");
        }
        var expected = HeaderBytes + 4L * count + 4L * count * items * dims;
        if (bytes.Length != expected)
        {
            throw new InputException($"{path}: truncated or corrupt: {bytes.Length} bytes, expected {expected} for {count} snapshots of {items}x{dims}");
        }
        var series = new SnapshotSeries(items, dims, Math.Max(count, 1));
        var epochOffset = HeaderBytes;
        var dataOffset = HeaderBytes + 4 * count;
        var row = new float[items * dims];
        for (var s = 0; s < count; s++)
        {
            var epoch = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(epochOffset + 4 * s));
            var source = bytes.AsSpan(dataOffset + 4 * s * row.Length, 4 * row.Length);
            for (var k = 0; k < row.Length; k++)
            {
                row[k] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * k)..]);
            }
            series.Add(epoch, row);
        }
        return series;
    }

    private static void WriteLittleEndian(Stream stream, ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("snapshots are written on little-endian machines only");
        }
        stream.Write(bytes);
    }
}
