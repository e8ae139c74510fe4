using System.Buffers.Binary;
using System.Numerics;

namespace LlmIngest.Storage;

/// <summary>A Bloom filter at about 1% false positives, with double hashing over a 64-bit hash that is the same in every process.</summary>
internal sealed class IndexBloomFilter
{
    private const double FalsePositiveRate = 0.01;

    private readonly ulong[] _bits;
    private readonly int _hashes;

    private IndexBloomFilter(ulong[] bits, int hashes)
    {
        _bits = bits;
        _hashes = hashes;
    }

    public int SerializedLength => 4 + 1 + (_bits.Length * 8);

    private ulong BitCount => (ulong)_bits.Length * 64;

    public static IndexBloomFilter For(int distinct)
    {
        // m = -n ln p / (ln 2)^2 bits, k = m/n ln 2 hashes: 9.6 bits and 7 hashes per value at 1%.
        var n = Math.Max(1, distinct);
        var bits = (long)Math.Ceiling(-n * Math.Log(FalsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        var words = (int)Math.Max(1, (bits + 63) / 64);
        var hashes = (int)Math.Clamp(Math.Round((double)words * 64 / n * Math.Log(2)), 1, 16);
        return new IndexBloomFilter(new ulong[words], hashes);
    }

    public static bool TryRead(ref ReadOnlySpan<byte> bytes, out IndexBloomFilter filter)
    {
        filter = null!;
        if (bytes.Length < 5)
        {
            return false;
        }

        var words = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int hashes = bytes[4];
        if (words < 1 || hashes is < 1 or > 16 || (long)words * 8 > bytes.Length - 5)
        {
            return false;
        }

        var bits = new ulong[words];
        for (var i = 0; i < words; i++)
        {
            bits[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(5 + (i * 8))..]);
        }

        bytes = bytes[(5 + (words * 8))..];
        filter = new IndexBloomFilter(bits, hashes);
        return true;
    }

    public int WriteTo(Span<byte> target)
    {
        BinaryPrimitives.WriteInt32LittleEndian(target, _bits.Length);
        target[4] = (byte)_hashes;
        for (var i = 0; i < _bits.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target[(5 + (i * 8))..], _bits[i]);
        }

        return SerializedLength;
    }

    public void Add(string value)
    {
        var (h1, h2) = Hash(value);
        for (var i = 0; i < _hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % BitCount;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    public bool MightContain(string value)
    {
        var (h1, h2) = Hash(value);
        for (var i = 0; i < _hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % BitCount;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static (ulong First, ulong Second) Hash(string value)
    {
        // FNV-1a over the UTF-16 code units, then two SplitMix64 finalizers: stable across processes and platforms.
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var first = Mix(hash);
        var second = Mix(hash ^ 0x9E3779B97F4A7C15UL) | 1;
        return (first, BitOperations.RotateLeft(second, 17));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
