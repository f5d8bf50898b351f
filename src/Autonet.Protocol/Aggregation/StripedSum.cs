namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The summation order every long double sum in aggregation follows, so the loop and the vector kernels
/// agree exactly on any machine: element j goes to partial sum j mod 16 (the 16 lanes of four Vector256&lt;double&gt;, four independent add chains),
/// and the partials are added in order 0..15 at the end. Nothing here depends on the hardware's vector width.
/// </summary>
internal static class StripedSum
{
    /// <summary>Number of partial sums (lanes).</summary>
    public const int Stripes = 16;

    /// <summary>Adds the partials in the fixed order 0..15, starting from +0.0.</summary>
    public static double Combine(ReadOnlySpan<double> partials)
    {
        var total = 0.0;
        for (var k = 0; k < Stripes; k++)
        {
            total += partials[k];
        }

        return total;
    }
}
