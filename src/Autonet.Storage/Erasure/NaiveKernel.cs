namespace Autonet.Storage.Erasure;

/// <summary>
/// The reference kernel: one byte at a time through <see cref="GaloisField.Mul"/> (log and exp tables).
/// Slow on purpose; it is the oracle the vector kernels are tested against and the fallback everywhere.
/// </summary>
public sealed class NaiveKernel : GaloisKernel
{
    /// <inheritdoc/>
    public override string Name => "naive";

    /// <inheritdoc/>
    public override bool IsSupported => true;

    internal override void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length)
    {
        var columns = inputs.Length;
        for (var r = 0; r < outputs.Length; r++)
        {
            var output = outputs[r];
            for (var i = 0; i < length; i++)
            {
                byte sum = 0;
                for (var c = 0; c < columns; c++)
                {
                    sum ^= GaloisField.Mul(matrix[(r * columns) + c], inputs[c][i]);
                }

                output[i] = sum;
            }
        }
    }
}
