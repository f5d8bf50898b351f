using System.Numerics;
using System.Text;
using Autonet.Chain.Abi;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>The worked examples of the Solidity ABI specification ("Examples", "Use of Dynamic Types"), plus well-known selectors.</summary>
public class AbiVectors
{
    private static string Words(params string[] words) => string.Concat(words.Select(w => w.PadLeft(64, '0')));

    private static string Text(string ascii) => Hex.Encode(Encoding.ASCII.GetBytes(ascii), prefix: false).PadRight(64, '0');

    [Theory]
    [InlineData("baz(uint32,bool)", "cdcd77c0")]
    [InlineData("bar(bytes3[2])", "fce353f6")]
    [InlineData("sam(bytes,bool,uint256[])", "a5643bf2")]
    [InlineData("f(uint256,uint32[],bytes10,bytes)", "8be65246")]
    [InlineData("g(uint256[][],string[])", "2289b18c")]
    [InlineData("transfer(address,uint256)", "a9059cbb")]
    [InlineData("Error(string)", "08c379a0")]
    [InlineData("Panic(uint256)", "4e487b71")]
    public void Selector_Signature_MatchesSpec(string signature, string expected) =>
        Assert.Equal(expected, Hex.Encode(AbiSignature.Selector(signature), prefix: false));

    [Fact]
    public void EncodeCall_Baz_MatchesSpec()
    {
        var call = AbiFunction.Parse("baz(uint32,bool)").EncodeCall(69, true);
        Assert.Equal("cdcd77c0" + Words("45", "1"), Hex.Encode(call, prefix: false));
    }

    [Fact]
    public void EncodeCall_BarFixedArrayOfBytes3_MatchesSpec()
    {
        var call = AbiFunction.Parse("bar(bytes3[2])").EncodeCall([new object[] { "abc"u8.ToArray(), "def"u8.ToArray() }]);
        Assert.Equal("fce353f6" + Text("abc") + Text("def"), Hex.Encode(call, prefix: false));
    }

    [Fact]
    public void EncodeCall_SamDynamic_MatchesSpec()
    {
        var call = AbiFunction.Parse("sam(bytes,bool,uint256[])").EncodeCall("dave"u8.ToArray(), true, new object[] { 1, 2, 3 });
        var expected = "a5643bf2" + Words("60", "1", "a0", "4") + Text("dave") + Words("3", "1", "2", "3");
        Assert.Equal(expected, Hex.Encode(call, prefix: false));
    }

    [Fact]
    public void EncodeCall_FMixed_MatchesSpecAndDecodesBack()
    {
        var function = AbiFunction.Parse("f(uint256,uint32[],bytes10,bytes)");
        var call = function.EncodeCall(0x123, new object[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray());
        var expected = "8be65246" + Words("123", "80") + Text("1234567890") + Words("e0", "2", "456", "789", "d") + Text("Hello, world!");
        Assert.Equal(expected, Hex.Encode(call, prefix: false));

        var decoded = AbiDecoder.Decode(function.Inputs, call.AsSpan(4));
        Assert.Equal(new BigInteger(0x123), decoded[0]);
        Assert.Equal(new object[] { new BigInteger(0x456), new BigInteger(0x789) }, (object[])decoded[1]);
        Assert.Equal("Hello, world!"u8.ToArray(), (byte[])decoded[3]);
    }

    [Fact]
    public void EncodeCall_GNestedDynamic_MatchesSpecAndDecodesBack()
    {
        var function = AbiFunction.Parse("g(uint256[][],string[])");
        var arrays = new object[] { new object[] { 1, 2 }, new object[] { 3 } };
        var strings = new object[] { "one", "two", "three" };
        var call = function.EncodeCall(arrays, strings);
        var expected = "2289b18c"
            + Words("40", "140", "2", "40", "a0", "2", "1", "2", "1", "3")
            + Words("3", "60", "a0", "e0", "3") + Text("one") + Words("3") + Text("two") + Words("5") + Text("three");
        Assert.Equal(expected, Hex.Encode(call, prefix: false));

        var decoded = AbiDecoder.Decode(function.Inputs, call.AsSpan(4));
        Assert.Equal(new object[] { "one", "two", "three" }, (object[])decoded[1]);
        Assert.Equal(new BigInteger(3), ((object[])((object[])decoded[0])[1])[0]);
    }

    [Fact]
    public void Encode_NegativeInt_IsTwosComplement()
    {
        var encoded = AbiEncoder.Encode(AbiType.Parse("int8"), -1);
        Assert.Equal(new string('f', 64), Hex.Encode(encoded, prefix: false));
        Assert.Equal(BigInteger.MinusOne, AbiDecoder.DecodeValue(AbiType.Parse("int8"), encoded));
    }
}
