namespace Autonet.Storage.Erasure;

/// <summary>
/// Turns "multiply by c in GF(2^8)/0x11D" into the 8 x 8 bit matrix that GF2P8AFFINEQB applies to every byte.
/// GF2P8MULB is not usable here: it is fixed to the AES polynomial 0x11B. Multiplication by a constant is
/// GF(2)-linear, so any polynomial works through the affine instruction (Intel SDM, GF2P8AFFINEQB).
/// </summary>
internal static class GfniAffine
{
    // All 256 matrices (2 KiB), built once: a kernel call needs k x m of them, and building one costs 64 multiplies,
    // which on small shards took longer than the multiply itself.
    private static readonly ulong[] Matrices = [.. Enumerable.Range(0, 256).Select(c => Build((byte)c))];

    /// <summary>
    /// The matrix qword: result bit i = parity(byte[7 - i] of the qword AND x), so byte 7 - i holds the row
    /// for output bit i, whose bit j is bit i of c * 2^j.
    /// </summary>
    public static ulong Matrix(byte coefficient) => Matrices[coefficient];

    private static ulong Build(byte coefficient)
    {
        ulong matrix = 0;
        for (var i = 0; i < 8; i++)
        {
            var row = 0;
            for (var j = 0; j < 8; j++)
            {
                if ((GaloisField.Mul(coefficient, (byte)(1 << j)) & (1 << i)) != 0)
                {
                    row |= 1 << j;
                }
            }

            matrix |= (ulong)row << (8 * (7 - i));
        }

        return matrix;
    }
}
