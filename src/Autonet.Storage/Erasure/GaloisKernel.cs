namespace Autonet.Storage.Erasure;

/// <summary>
/// Multiplies a GF(2^8) coefficient matrix by a set of equal-length byte rows:
/// outputs[r][i] = sum over c of matrix[r, c] * inputs[c][i]. This one operation is all of
/// Reed-Solomon encoding and reconstruction; kernels differ only in how fast they do it.
/// </summary>
public abstract class GaloisKernel
{
    /// <summary>A short name for reports ("naive", "avx2-nibble", "gfni-512").</summary>
    public abstract string Name { get; }

    /// <summary>True when this CPU has the instructions the kernel uses.</summary>
    public abstract bool IsSupported { get; }

    /// <summary>
    /// Overwrites the first <paramref name="length"/> bytes of each output row. The caller has checked
    /// that matrix is outputs.Length x inputs.Length and every row holds at least length bytes.
    /// </summary>
    internal abstract void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length);

    /// <summary>Scalar product over a byte range, by the 64 KiB product table: the tail after the vector loop.</summary>
    internal static void MultiplyScalar(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int start, int end)
    {
        var columns = inputs.Length;
        for (var r = 0; r < outputs.Length; r++)
        {
            var output = outputs[r].AsSpan(start, end - start);
            output.Clear();
            for (var c = 0; c < columns; c++)
            {
                var row = GaloisField.ProductRow(matrix[(r * columns) + c]);
                var input = inputs[c].AsSpan(start, end - start);
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] ^= row[input[i]];
                }
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
