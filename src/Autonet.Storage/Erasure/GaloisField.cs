namespace Autonet.Storage.Erasure;

/// <summary>
/// Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator 2,
/// the field most storage Reed-Solomon codes use. Scalar and table-driven: this is the reference the
/// vector kernels are tested against, not a fast path.
/// </summary>
public static class GaloisField
{
    /// <summary>The reduction polynomial, bit 8 included.</summary>
    public const int Polynomial = 0x11D;

    // Exp is doubled (510 entries) so Mul can index Exp[Log[a] + Log[b]] without a modulo.
    private static readonly byte[] Exp = new byte[510];
    private static readonly byte[] Log = new byte[256];

    // The full 256 x 256 product table (64 KiB): row a is "multiply by a" for the scalar kernel.
    private static readonly byte[] Products = new byte[256 * 256];

    static GaloisField()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = (byte)x;
            Exp[i + 255] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if (x >= 256)
            {
                x ^= Polynomial;
            }
        }

        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                Products[(a << 8) | b] = MulSlow((byte)a, (byte)b);
            }
        }
    }

    /// <summary>a + b (XOR).</summary>
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    /// <summary>a * b by log and exp tables.</summary>
    public static byte Mul(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>The multiplicative inverse of a non-zero element.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="a"/> is zero.</exception>
    public static byte Inverse(byte a) => a == 0 ? throw new DivideByZeroException("GF(2^8): zero has no inverse") : Exp[255 - Log[a]];

    /// <summary>a / b.</summary>
    public static byte Div(byte a, byte b) => Mul(a, Inverse(b));

    /// <summary>The generator raised to <paramref name="power"/> (0..254).</summary>
    public static byte ExpOf(int power) => Exp[power % 255];

    /// <summary>The 256-entry row "multiply by <paramref name="coefficient"/>".</summary>
    public static ReadOnlySpan<byte> ProductRow(byte coefficient) => Products.AsSpan(coefficient << 8, 256);

    /// <summary>Carry-less multiply then reduce, bit by bit: the definition, used to build the tables.</summary>
    public static byte MulSlow(byte a, byte b)
    {
        var product = 0;
        int left = a;
        for (var bit = 0; bit < 8; bit++)
        {
            if ((b & (1 << bit)) != 0)
            {
                product ^= left;
            }

            left <<= 1;
            if ((left & 0x100) != 0)
            {
                left ^= Polynomial;
            }
        }

        return (byte)product;
    }
}
