using Autonet.Chain.Abi;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Tests.Abi;

/// <summary>
/// Regression cases from issue 15: lengths and offsets that claim more than the data holds are refused before the
/// arrays are built, so memory stays a small multiple of the bytes given (here: at most 16 per byte plus 64 KiB).
/// </summary>
public class AbiDecoderBoundsTests
{
    private const long Constant = 64 * 1024;

    private static byte[] Words(params string[] hexWords) => Hex.Decode(string.Concat(hexWords.Select(w => w.PadLeft(64, '0'))));

    [Theory]
    [InlineData("uint256[]")]
    [InlineData("()[]")]
    [InlineData("string[]")]
    [InlineData("(uint256,bytes)[]")]
    public void Decode_DynamicArrayClaimingMillions_ThrowsFormatExceptionWithinBound(string type)
    {
        // 64 bytes of calldata: offset 0x20, length 2^24. The old decoder built 1.1 GiB (6 GiB for empty tuples).
        var data = Words("20", "1000000");
        var parameters = new[] { new AbiParameter("values", AbiType.Parse(type)) };
        var allocated = AllocationMeter.Measure<FormatException>(() => AbiDecoder.Decode(parameters, data));
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, data));
        Assert.InRange(allocated, 0, (16 * data.Length) + Constant);
    }

    [Fact]
    public void Decode_OffsetsAliasingOneInnerArray_ThrowsBudgetExceeded()
    {
        // uint256[][] whose 200 outer offsets all point at one inner array of 200 words: 40 000 values from 13 KB.
        var outer = Enumerable.Repeat((200 * 32).ToString("x", System.Globalization.CultureInfo.InvariantCulture), 200);
        var data = Words(["20", "c8", .. outer, "c8", .. Enumerable.Repeat("1", 200)]);
        var parameters = new[] { new AbiParameter("matrix", AbiType.Parse("uint256[][]")) };
        var error = Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, data));
        Assert.Contains("exceed 2x", error.Message, StringComparison.Ordinal);
        Assert.InRange(AllocationMeter.Measure<FormatException>(() => AbiDecoder.Decode(parameters, data)), 0, (16 * data.Length) + Constant);
    }

    [Fact]
    public void Decode_NestedFailure_NamesPathToValue()
    {
        var parameters = new[] { new AbiParameter("flags", AbiType.Parse("bool[]")) };
        var error = Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, Words("20", "2", "1", "7")));
        Assert.Contains("'flags[1]' at byte 96", error.Message, StringComparison.Ordinal);
        Assert.Contains("bool must be 0 or 1, got 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RevertDecoder_CustomErrorClaimingHugeArray_UnknownWithinBound()
    {
        // 132 bytes of revert data: selector, offset, length 2^24, one word.
        var error = new AbiError("Rejected", [new AbiParameter("ids", AbiType.Parse("uint256[]"))]);
        var decoder = new RevertDecoder([error]);
        byte[] data = [.. error.Selector, .. Words("20", "1000000", "1", "2")];
        Assert.Equal(132, data.Length);
        var allocated = AllocationMeter.Measure<FormatException>(() => decoder.Decode(data));
        Assert.False(decoder.Decode(data).IsKnown);
        Assert.InRange(allocated, 0, (16 * data.Length) + Constant);
    }

    [Theory]
    [InlineData("uint256[100000000]", "must be an integer in 1..16777216")]
    [InlineData("uint256[1000000]", "takes 32000000 bytes inline, more than the 16777216 allowed")]
    [InlineData("uint256[4294967296]", "must be an integer in 1..16777216")]
    [InlineData("uint256[65536][65536]", "more than the 16777216 allowed")]
    public void Parse_HugeFixedArray_ThrowsFormatExceptionNotOverflow(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AbiType.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => AbiType.Parse(new string('(', 100) + "uint256" + new string(')', 100)));
        Assert.Contains("nests deeper than 32", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AbiType.Parse("uint256" + string.Concat(Enumerable.Repeat("[]", 2000))));
    }

    [Fact]
    public void Decode_BytesNWithDirtyPadding_ThrowsFormatException()
    {
        var parameters = new[] { new AbiParameter("tag", AbiType.Parse("bytes4")) };
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, Words("deadbeef" + new string('0', 54) + "01")));
    }
}
