using Autonet.Chain.Abi;
using Autonet.Core.Ids;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// AbiDecoder.TryDecode over a fixed set of signatures (the first input byte picks one) and RevertDecoder.Decode on
/// the same bytes: neither throws, whatever the lengths and offsets claim.
/// </summary>
internal sealed class AbiTarget : FuzzTarget
{
    private static readonly AbiParameter[][] Signatures =
    [
        .. new[]
        {
            "(uint256,address,bool,bytes32)", "(string)", "(bytes)", "(uint256[])", "(uint256[][])", "((uint256,bytes)[])",
            "(()[])", "(string[2])", "((uint64,address,bytes,string[],int32[2],(bool,bytes32)[]))", "(int8,bytes4)",
            "(string[][],bytes[3])", "(((bool)[2])[])",
        }.Select(text => AbiType.Parse(text).Components.ToArray()),
    ];

    private static readonly RevertDecoder Reverts = new([
        new AbiError("Rejected", [new AbiParameter("ids", AbiType.Parse("uint256[]"))]),
        new AbiError("Nested", [new AbiParameter("rows", AbiType.Parse("(string,bytes[])[]"))]),
    ]);

    public override string Name => "abi";

    public override string Decoder => "AbiDecoder.TryDecode, RevertDecoder.Decode";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        AbiDecoder.TryDecode(Signatures[input[0] % Signatures.Length], input.AsSpan(1), out _, out _);
        var reason = Reverts.Decode(input);
        if (reason is null || (!reason.IsKnown && reason.Values.Count != 0))
        {
            throw new InvalidOperationException("an unknown revert carries values");
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        var alice = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        byte[] word = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        object[][] values =
        [
            [5, alice, true, word],
            ["hello"],
            [new byte[] { 1, 2, 3 }],
            [new object[] { 1, 2, 3 }],
            [new object[] { new object[] { 1 }, new object[] { 2, 3 } }],
            [new object[] { new object[] { 7, new byte[] { 9 } } }],
            [new object[] { Array.Empty<object>(), Array.Empty<object>() }],
            [new object[] { "a", "bc" }],
            [new object[] { 9, alice, new byte[] { 1 }, new object[] { "x" }, new object[] { -1, 2 }, new object[] { new object[] { true, word } } }],
            [-3, new byte[] { 0xde, 0xad, 0xbe, 0xef }],
            [new object[] { new object[] { "p", "q" } }, new object[] { new byte[] { 1 }, Array.Empty<byte>(), new byte[] { 2, 3 } }],
            [new object[] { new object[] { new object[] { new object[] { true }, new object[] { false } } } }],
        ];
        for (var i = 0; i < Signatures.Length; i++)
        {
            yield return [(byte)i, .. AbiEncoder.Encode(Signatures[i], values[i])];
        }
        yield return AbiError.ErrorString.Encode("stake is locked");
        yield return AbiError.Panic.Encode(0x11);
        yield return new AbiError("Rejected", [new AbiParameter("ids", AbiType.Parse("uint256[]"))]).Encode(new object[] { new object[] { 1, 2 } });
    }
}
