using Autonet.Chain.Rlp;
using Autonet.Core.Codecs;

namespace Autonet.Fuzz.Targets;

/// <summary>RlpDecoder.TryDecode: never throws, whatever the bytes.</summary>
internal sealed class RlpTarget : FuzzTarget
{
    public override string Name => "rlp";

    public override string Decoder => "RlpDecoder.TryDecode";

    public override void Run(byte[] input) => RlpDecoder.TryDecode(input, out _, out _);

    public override IEnumerable<byte[]> Seeds() =>
    [
        Hex.Decode("83646f67"),
        Hex.Decode("c7c0c1c0c3c0c1c0"),
        Hex.Decode("b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974"),
        .. TransactionTarget.Vectors().Select(v => v[0] == 0x02 ? v[1..] : v),
    ];
}
