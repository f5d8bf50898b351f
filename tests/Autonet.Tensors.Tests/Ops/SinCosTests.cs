using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class SinCosTests
{
    [Fact]
    public void OneD_Entries_FollowTheFormula()
    {
        var t = SinCos.OneD(10, 8); // half = 4, w_i = 10000^(-i/4)
        Assert.Equal(MathF.Sin(3), t.Span[(3 * 8) + 0], 6);
        Assert.Equal(MathF.Cos(3), t.Span[(3 * 8) + 4], 6);
        Assert.Equal((float)Math.Sin(7 * Math.Pow(10000, -0.5)), t.Span[(7 * 8) + 2], 6);
    }

    [Fact]
    public void TwoD_Halves_EncodeRowThenColumn()
    {
        var t = SinCos.TwoD(3, 4, 8);
        var oneD = SinCos.OneD(4, 4);
        var token = (2 * 4) + 3; // row 2, column 3
        Check.Close(oneD.Span.Slice(2 * 4, 4), t.Span.Slice(token * 8, 4), 0, 0);
        Check.Close(oneD.Span.Slice(3 * 4, 4), t.Span.Slice((token * 8) + 4, 4), 0, 0);
    }

    [Fact]
    public void TwoD_ChannelsNotDivisibleByFour_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SinCos.TwoD(2, 2, 6));
        Assert.Contains("channels 6 must be positive and divisible by 4", e.Message, StringComparison.Ordinal);
    }
}
