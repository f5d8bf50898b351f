namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The summation order every long double sum in aggregation follows, so the loops and the vector kernels agree
/// exactly on any machine and with any thread count. The sum is cut into <see cref="Segments"/> of 2^16 elements.
/// Within a segment, element j goes to partial sum j mod 16 (16 lanes: four Vector256&lt;double&gt; or two
/// Vector512&lt;double&gt;, independent add chains), and the partials are added in order 0..15 (<see cref="Combine"/>).
/// The segment sums are then added in segment order from +0.0 (<see cref="AddSegments"/>), so a sum of at most one
/// segment is exactly its striped sum. Nothing here depends on the hardware's vector width or on threads.
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

    /// <summary>Adds the segment sums sums[first + s·stride] for s = 0, 1, … in segment order, starting from +0.0.</summary>
    public static double AddSegments(ReadOnlySpan<double> sums, int first, int stride, int segments)
    {
        var total = 0.0;
        for (var s = 0; s < segments; s++)
        {
            total += sums[first + (s * stride)];
        }

        return total;
    }
}
