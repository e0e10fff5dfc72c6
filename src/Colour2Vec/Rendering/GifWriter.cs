using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Colour2Vec.Rendering;

/// <summary>
/// A streaming GIF89a writer for animations with one fixed palette. Each frame is mapped to the palette through
/// a lookup table, only the rectangle that changed since the previous frame is stored, and unchanged pixels in
/// it are transparent, so long runs compress well. Frames are written as they come: memory stays at two frames
/// whatever the length. (ImageSharp 2.1 keeps every frame of an animation in memory — over 300 MB for the seed's
/// 169 frames — and quantises each one again, which made the GIF the slowest part of rendering.)
/// </summary>
internal sealed partial class GifWriter
{
    private const int Transparent = 255;

    private readonly Stream _output;
    private readonly int _width;
    private readonly int _height;
    private readonly (byte R, byte G, byte B)[] _palette;
    private readonly short[] _lookup = new short[1 << 18];
    private readonly uint[] _previous;
    private bool _first = true;

    /// <summary>Starts a GIF on <paramref name="output"/>; the palette holds at most 255 colours, index 255 is kept for transparency.</summary>
    public GifWriter(Stream output, int width, int height, IReadOnlyList<(byte R, byte G, byte B)> palette)
    {
        if (palette.Count is < 1 or > 255)
        {
            throw new ArgumentException("a GIF palette here holds 1 to 255 colours", nameof(palette));
        }
        _output = output;
        _width = width;
        _height = height;
        _palette = palette.ToArray();
        _previous = new uint[width * height];
        Array.Fill(_lookup, (short)-1);
        WriteHeader();
    }

    /// <summary>Adds a frame of straight RGBA pixels, shown for <paramref name="delayCentiseconds"/>.</summary>
    public void AddFrame(ReadOnlySpan<byte> rgba, int delayCentiseconds)
    {
        // Compare raw pixels first: only pixels that changed are mapped to the palette, the rest are transparent.
        var current = MemoryMarshal.Cast<byte, uint>(rgba)[.._previous.Length];
        var (left, top, right, bottom) = _first ? (0, 0, _width - 1, _height - 1) : ChangedRectangle(current);
        if (right < left)
        {
            (left, top, right, bottom) = (0, 0, 0, 0); // nothing changed: a 1×1 transparent frame keeps the timing
        }
        var width = right - left + 1;
        var height = bottom - top + 1;
        var indices = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = (top + y) * _width + left;
            for (var x = 0; x < width; x++)
            {
                var pixel = current[row + x];
                indices[y * width + x] = !_first && pixel == _previous[row + x]
                    ? (byte)Transparent
                    : Map((byte)pixel, (byte)(pixel >> 8), (byte)(pixel >> 16));
            }
        }
        WriteGraphicControl(delayCentiseconds);
        WriteImageDescriptor(left, top, width, height);
        _output.WriteByte(8); // LZW minimum code size
        Lzw.Encode(indices, _output);
        current.CopyTo(_previous);
        _first = false;
    }

    /// <summary>Writes the trailer; the stream then holds a complete GIF.</summary>
    public void Finish() => _output.WriteByte(0x3B);

    private (int Left, int Top, int Right, int Bottom) ChangedRectangle(ReadOnlySpan<uint> frame)
    {
        int left = _width, top = _height, right = -1, bottom = -1;
        for (var y = 0; y < _height; y++)
        {
            var current = frame.Slice(y * _width, _width);
            var previous = _previous.AsSpan(y * _width, _width);
            var first = current.CommonPrefixLength(previous);
            if (first == _width)
            {
                continue;
            }
            var last = _width - 1;
            while (current[last] == previous[last])
            {
                last--;
            }
            left = Math.Min(left, first);
            right = Math.Max(right, last);
            top = Math.Min(top, y);
            bottom = y;
        }
        return (left, top, right, bottom);
    }

    /// <summary>The nearest palette entry, cached by the top six bits of each channel.</summary>
    private byte Map(byte r, byte g, byte b)
    {
        var key = (r >> 2 << 12) | (g >> 2 << 6) | (b >> 2);
        var cached = _lookup[key];
        if (cached >= 0)
        {
            return (byte)cached;
        }
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < _palette.Length; i++)
        {
            int dr = _palette[i].R - r, dg = _palette[i].G - g, db = _palette[i].B - b;
            var distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }
        _lookup[key] = (short)best;
        return (byte)best;
    }

    private void WriteHeader()
    {
        Span<byte> header = stackalloc byte[13];
        "GIF89a"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)_width);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], (ushort)_height);
        header[10] = 0xF7; // global colour table of 256 entries, 8 bits per channel
        header[11] = 0;
        header[12] = 0;
        _output.Write(header);
        var table = new byte[256 * 3];
        for (var i = 0; i < _palette.Length; i++)
        {
            (table[3 * i], table[3 * i + 1], table[3 * i + 2]) = _palette[i];
        }
        _output.Write(table);
        // NETSCAPE2.0: loop forever.
        _output.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
    }

    private void WriteGraphicControl(int delayCentiseconds)
    {
        Span<byte> block = [0x21, 0xF9, 0x04, 0b0000_0101, 0, 0, Transparent, 0x00];
        BinaryPrimitives.WriteUInt16LittleEndian(block[4..], (ushort)Math.Clamp(delayCentiseconds, 0, ushort.MaxValue));
        _output.Write(block); // disposal 1 (keep the frame), transparency on
    }

    private void WriteImageDescriptor(int left, int top, int width, int height)
    {
        Span<byte> block = stackalloc byte[10];
        block[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(block[1..], (ushort)left);
        BinaryPrimitives.WriteUInt16LittleEndian(block[3..], (ushort)top);
        BinaryPrimitives.WriteUInt16LittleEndian(block[5..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(block[7..], (ushort)height);
        block[9] = 0;
        _output.Write(block);
    }
}
