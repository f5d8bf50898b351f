using System.Buffers.Binary;
using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Core.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak padding (0x01 ... 0x80), not SHA3-256's 0x06.
/// One-shot and incremental; rate 136 bytes, capacity 512 bits (Keccak reference, FIPS 202 §3 for the permutation).
/// </summary>
public sealed class Keccak256
{
    private const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] Rotations = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
    private static readonly int[] PiLanes = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    private readonly ulong[] _state = new ulong[25];
    private readonly byte[] _block = new byte[Rate];
    private int _filled;

    /// <summary>Hashes <paramref name="data"/> in one call.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        var keccak = new Keccak256();
        keccak.Append(data);
        return keccak.Finish();
    }

    /// <summary>Hashes the concatenation of two inputs without copying them together.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var keccak = new Keccak256();
        keccak.Append(first);
        keccak.Append(second);
        return keccak.Finish();
    }

    /// <summary>Absorbs more input.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(Rate - _filled, data.Length);
            data[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            data = data[take..];
            if (_filled == Rate)
            {
                AbsorbBlock();
            }
        }
    }

    /// <summary>Pads, squeezes 32 bytes and resets, so the instance can be reused.</summary>
    public Hash32 Finish()
    {
        _block.AsSpan(_filled).Clear();
        _block[_filled] ^= 0x01;
        _block[Rate - 1] ^= 0x80;
        AbsorbBlock();
        Span<byte> output = stackalloc byte[32];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[(8 * i)..], _state[i]);
        }

        Array.Clear(_state);
        return new Hash32(output);
    }

    private void AbsorbBlock()
    {
        for (var i = 0; i < Rate / 8; i++)
        {
            _state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(_block.AsSpan(8 * i));
        }

        Permute(_state);
        _filled = 0;
    }

    private static void Permute(ulong[] a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            // θ
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            // ρ and π
            var current = a[1];
            for (var i = 0; i < 24; i++)
            {
                var lane = PiLanes[i];
                var next = a[lane];
                a[lane] = BitOperations.RotateLeft(current, Rotations[i]);
                current = next;
            }

            // χ
            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    c[x] = a[y + x];
                }

                for (var x = 0; x < 5; x++)
                {
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }

            // ι
            a[0] ^= RoundConstants[round];
        }
    }
}
