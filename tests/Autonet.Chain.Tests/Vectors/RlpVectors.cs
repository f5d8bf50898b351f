using System.Numerics;
using System.Text;
using Autonet.Chain.Rlp;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>Vectors from ethereum/tests RLPTests/rlptest.json (strings, integers, nested lists).</summary>
public class RlpVectors
{
    public static TheoryData<string, string> Strings => new()
    {
        { "", "80" },
        { "dog", "83646f67" },
        { "Lorem ipsum dolor sit amet, consectetur adipisicing eli", "b74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69" },
        { "Lorem ipsum dolor sit amet, consectetur adipisicing elit", "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974" },
    };

    public static TheoryData<string, string> Integers => new()
    {
        { "0", "80" },
        { "1", "01" },
        { "16", "10" },
        { "79", "4f" },
        { "127", "7f" },
        { "128", "8180" },
        { "1000", "8203e8" },
        { "100000", "830186a0" },
        { "83729609699884896815286331701780722", "8f102030405060708090a0b0c0d0e0f2" },
        { "105315505618206987246253880190783558935785933862974822347068935681", "9c0100020003000400050006000700080009000a000b000c000d000e01" },
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void EncodeBytes_String_MatchesVector(string text, string expected)
    {
        var encoded = RlpEncoder.EncodeBytes(Encoding.ASCII.GetBytes(text));
        Assert.Equal(expected, Hex.Encode(encoded, prefix: false));
        Assert.Equal(text, Encoding.ASCII.GetString(RlpDecoder.Decode(encoded).Bytes));
    }

    [Theory]
    [MemberData(nameof(Integers))]
    public void EncodeInteger_Value_MatchesVector(string value, string expected)
    {
        var number = BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var encoded = RlpEncoder.EncodeInteger(number);
        Assert.Equal(expected, Hex.Encode(encoded, prefix: false));
        Assert.Equal(number, RlpDecoder.Decode(encoded).AsInteger());
    }

    [Fact]
    public void EncodeList_Vectors_Match()
    {
        var cat = RlpEncoder.EncodeBytes("cat"u8);
        var dog = RlpEncoder.EncodeBytes("dog"u8);
        Assert.Equal("c0", Hex.Encode(RlpEncoder.EncodeList(), prefix: false));
        Assert.Equal("c88363617483646f67", Hex.Encode(RlpEncoder.EncodeList(cat, dog), prefix: false));
        // "set theoretical representation of three": [ [], [[]], [ [], [[]] ] ]
        var empty = RlpEncoder.EncodeList();
        var one = RlpEncoder.EncodeList(empty);
        var three = RlpEncoder.EncodeList(empty, one, RlpEncoder.EncodeList(empty, one));
        Assert.Equal("c7c0c1c0c3c0c1c0", Hex.Encode(three, prefix: false));
        var decoded = RlpDecoder.Decode(three);
        Assert.Equal(3, decoded.Items.Count);
        Assert.Equal(2, decoded.Items[2].Items.Count);
    }

    [Fact]
    public void EncodeList_LongList_UsesLongForm()
    {
        // "longList1" of rlptest.json: four copies of ["asdf","qwer","zxcv"].
        var inner = RlpEncoder.EncodeList(RlpEncoder.EncodeBytes("asdf"u8), RlpEncoder.EncodeBytes("qwer"u8), RlpEncoder.EncodeBytes("zxcv"u8));
        var list = RlpEncoder.EncodeList(inner, inner, inner, inner);
        Assert.Equal(
            "f840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376",
            Hex.Encode(list, prefix: false));
    }
}
