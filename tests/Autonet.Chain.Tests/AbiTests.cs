using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests;

/// <summary>ABI bad inputs, round trips, events and revert decoding.</summary>
public class AbiTests
{
    private const string Erc20Abi = """
        [
          {"type":"function","name":"transfer","stateMutability":"nonpayable","inputs":[{"name":"to","type":"address"},{"name":"value","type":"uint256"}],"outputs":[{"name":"","type":"bool"}]},
          {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
          {"type":"error","name":"ERC20InsufficientBalance","inputs":[{"name":"sender","type":"address"},{"name":"balance","type":"uint256"},{"name":"needed","type":"uint256"}]},
          {"type":"function","name":"propose","stateMutability":"nonpayable","inputs":[{"name":"terms","type":"tuple","components":[{"name":"id","type":"uint256"},{"name":"cid","type":"string"}]}],"outputs":[]}
        ]
        """;

    private static readonly Address Alice = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    [Fact]
    public void Encode_UInt8TooLarge_ThrowsNamingParameterAndRange()
    {
        var function = AbiFunction.Parse("f(uint8)");
        var error = Assert.Throws<ArgumentException>(() => function.EncodeCall(300));
        Assert.Equal("_0", error.ParamName);
        Assert.Contains("uint8 holds 0..255", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uint7")]
    [InlineData("bytes33")]
    [InlineData("uint256[0]")]
    [InlineData("fixed128x18")]
    [InlineData("tuple")]
    public void Parse_BadType_ThrowsFormatException(string type) =>
        Assert.Throws<FormatException>(() => AbiType.Parse(type));

    [Fact]
    public void Encode_WrongArgumentCount_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => AbiFunction.Parse("f(uint256,bool)").EncodeCall(1));
        Assert.Contains("expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedOrBadOffset_ThrowsNamingParameter()
    {
        var parameters = AbiFunction.Parse("f(string)").Inputs;
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, new byte[31]));
        var badOffset = Hex.Decode(new string('0', 62) + "ff");
        var error = Assert.Throws<FormatException>(() => AbiDecoder.Decode(parameters, badOffset));
        Assert.Contains("'_0'", error.Message, StringComparison.Ordinal);
        var badBool = Hex.Decode(new string('0', 63) + "2");
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(AbiFunction.Parse("f(bool)").Inputs, badBool));
    }

    [Fact]
    public void EncodeDecode_TupleWithArraysRandom_RoundTrips()
    {
        var type = AbiType.Parse("(uint64,address,bytes,string[],int32[2],(bool,bytes32)[])");
        var random = new Random(42);
        for (var trial = 0; trial < 50; trial++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            var word = new byte[32];
            random.NextBytes(word);
            var value = new object[]
            {
                new BigInteger(random.NextInt64(0, long.MaxValue)), Alice, bytes,
                Enumerable.Range(0, random.Next(4)).Select(i => (object)new string('x', random.Next(70))).ToArray(),
                new object[] { new BigInteger(random.Next(int.MinValue, int.MaxValue)), new BigInteger(-5) },
                Enumerable.Range(0, random.Next(3)).Select(i => (object)new object[] { i % 2 == 0, word }).ToArray(),
            };
            var encoded = AbiEncoder.Encode(type, value);
            var decoded = AbiDecoder.Decode([new AbiParameter("v", type)], encoded)[0];
            Assert.Equal(AbiValue.Format(value), AbiValue.Format(decoded));
        }
    }

    [Fact]
    public void ContractAbi_Erc20_SelectorsEventsAndTuples()
    {
        var abi = ContractAbi.Parse(Erc20Abi);
        Assert.Equal("a9059cbb", Hex.Encode(abi.Function("transfer").Selector, prefix: false));
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", abi.Event("Transfer").Topic.ToString());
        Assert.Equal("propose((uint256,string))", abi.Function("propose").Signature);
        var missing = Assert.Throws<KeyNotFoundException>(() => abi.Function("transferr"));
        Assert.Contains("functions: propose, transfer", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbiEvent_TransferLog_DecodesIndexedAndData()
    {
        var transfer = ContractAbi.Parse(Erc20Abi).Event("Transfer");
        var bob = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var log = new LogEntry(Alice, [transfer.Topic, Topic(Alice), Topic(bob)], AbiEncoder.Encode(AbiType.UInt256, 500), 1, Hash32.Zero, 0);
        var decoded = transfer.Decode(log);
        Assert.Equal(Alice, decoded["from"]);
        Assert.Equal(bob, decoded["to"]);
        Assert.Equal(new BigInteger(500), decoded["value"]);
        Assert.Throws<FormatException>(() => transfer.Decode(log with { Topics = [transfer.Topic] }));
    }

    [Fact]
    public void RevertDecoder_CustomPanicErrorAndUnknown_AreNamed()
    {
        var abi = ContractAbi.Parse(Erc20Abi);
        var decoder = new RevertDecoder(abi.Errors);
        var custom = decoder.Decode(abi.Errors[0].Encode(Alice, 1, 2));
        Assert.Equal("ERC20InsufficientBalance(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, 1, 2)", custom.ToString());
        Assert.Equal("Panic(17)", decoder.Decode(AbiError.Panic.Encode(17)).ToString());
        Assert.Equal("Error(\"boom\")", decoder.Decode(AbiError.ErrorString.Encode("boom")).ToString());
        Assert.Equal("unknown revert data 0x12345678", decoder.Decode([0x12, 0x34, 0x56, 0x78]).ToString());
        Assert.Equal("unknown revert data 0x", decoder.Decode([]).ToString());
    }

    private static Hash32 Topic(Address address) => new(AbiEncoder.Encode(AbiType.AddressType, address));
}
