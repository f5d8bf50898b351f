using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

public class SlidingWindowsTests
{
    [Theory]
    [InlineData(0, 10, 10, new int[0])]
    [InlineData(7, 10, 10, new[] { 0 })]
    [InlineData(10, 10, 10, new[] { 0 })]
    [InlineData(25, 10, 10, new[] { 0, 10, 15 })]
    [InlineData(25, 10, 5, new[] { 0, 5, 10, 15 })]
    [InlineData(30, 10, 10, new[] { 0, 10, 20 })]
    public void Starts_CoverDocument_LastAlignedToEnd(int length, int window, int stride, int[] expected)
    {
        Assert.Equal(expected, SlidingWindows.Starts(length, window, stride));
    }

    [Fact]
    public void Cut_ShortDocument_PadsWithPad()
    {
        var windows = SlidingWindows.Cut([1, 9, 9, 2], 6, 6, "x").ToList();
        var window = Assert.Single(windows);
        Assert.Equal(new[] { 1, 9, 9, 2, ByteTokenizer.Pad, ByteTokenizer.Pad }, window.TokenIds);
        Assert.Equal(4, window.Length);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 0, 0 }, window.AttentionMask());
    }

    [Fact]
    public void Starts_StrideLongerThanWindow_Throws()
    {
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.Starts(100, 10, 11)).ParamName);
    }
}
