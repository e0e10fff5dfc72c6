namespace Colour2Vec.Rendering;

internal sealed partial class GifWriter
{
    /// <summary>
    /// GIF's variable-width LZW with 8-bit symbols: codes start at 9 bits and grow to 12; when the table is
    /// full a clear code restarts it. The table is an open-addressed hash of (prefix code, next symbol), the
    /// classic compress(1) layout. Output goes in length-prefixed sub-blocks of at most 255 bytes.
    /// </summary>
    private static class Lzw
    {
        private const int ClearCode = 256;
        private const int EndCode = 257;
        private const int MaxCode = 4096;
        private const int HashSize = 5003;

        public static void Encode(ReadOnlySpan<byte> symbols, Stream output)
        {
            var keys = new int[HashSize];
            var codes = new short[HashSize];
            keys.AsSpan().Fill(-1);
            var bits = new BitPacker(output);
            var codeSize = 9;
            var nextCode = EndCode + 1;
            bits.Write(ClearCode, codeSize);
            var prefix = (int)symbols[0];
            for (var k = 1; k < symbols.Length; k++)
            {
                var symbol = symbols[k];
                var key = (prefix << 8) | symbol;
                var slot = (symbol << 4) ^ prefix;
                var step = slot == 0 ? 1 : HashSize - slot;
                while (keys[slot] != -1 && keys[slot] != key)
                {
                    slot -= step;
                    if (slot < 0)
                    {
                        slot += HashSize;
                    }
                }
                if (keys[slot] == key)
                {
                    prefix = codes[slot];
                    continue;
                }
                bits.Write(prefix, codeSize);
                // The decoder adds its entry one code later, so the width grows once the next code no longer fits.
                if (nextCode > (1 << codeSize) - 1 && codeSize < 12)
                {
                    codeSize++;
                }
                if (nextCode < MaxCode)
                {
                    keys[slot] = key;
                    codes[slot] = (short)nextCode++;
                }
                else
                {
                    bits.Write(ClearCode, codeSize);
                    keys.AsSpan().Fill(-1);
                    nextCode = EndCode + 1;
                    codeSize = 9;
                }
                prefix = symbol;
            }
            bits.Write(prefix, codeSize);
            if (nextCode > (1 << codeSize) - 1 && codeSize < 12)
            {
                codeSize++;
            }
            bits.Write(EndCode, codeSize);
            bits.Flush();
        }
    }

    /// <summary>Packs codes least-significant bit first into 255-byte sub-blocks.</summary>
    private sealed class BitPacker(Stream output)
    {
        private readonly byte[] _block = new byte[256];
        private int _length;
        private int _buffer;
        private int _count;

        public void Write(int code, int size)
        {
            _buffer |= code << _count;
            _count += size;
            while (_count >= 8)
            {
                Put((byte)_buffer);
                _buffer >>= 8;
                _count -= 8;
            }
        }

        public void Flush()
        {
            if (_count > 0)
            {
                Put((byte)_buffer);
                _buffer = 0;
                _count = 0;
            }
            if (_length > 0)
            {
                WriteBlock();
            }
            output.WriteByte(0);
        }

        private void Put(byte value)
        {
            _block[1 + _length++] = value;
            if (_length == 255)
            {
                WriteBlock();
            }
        }

        private void WriteBlock()
        {
            _block[0] = (byte)_length;
            output.Write(_block, 0, _length + 1);
            _length = 0;
        }
    }
}
