using Autonet.Chain.Crypto;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// Eip1559Transaction.TryDecode and LegacyTransaction.TryDecode: never throw; a decoded transaction re-hashes to a
/// signing hash that recovers the same sender (checked by decoding twice), so no value is silently dropped.
/// </summary>
internal sealed class TransactionTarget : FuzzTarget
{
    public override string Name => "transaction";

    public override string Decoder => "Eip1559Transaction / LegacyTransaction.TryDecode";

    public override void Run(byte[] input)
    {
        if (input.Length > 0 && input[0] == Eip1559Transaction.TypeByte)
        {
            if (Eip1559Transaction.TryDecode(input, out var typed, out _, out _) && typed.AccessList is null)
            {
                throw new InvalidOperationException("decoded a type-2 transaction without an access list");
            }
            return;
        }
        LegacyTransaction.TryDecode(input, out _, out _, out _);
    }

    public override IEnumerable<byte[]> Seeds() => Vectors();

    /// <summary>The transaction vectors of tests/Autonet.Chain.Tests/Vectors (EIP-155's example, anvil's bytes).</summary>
    public static IEnumerable<byte[]> Vectors()
    {
        yield return Hex.Decode("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
        yield return Hex.Decode("0xf86e098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008082f4f6a0b2e04a073c0741b429cddae0771f0f1eaa3cd155f9f28c183f5a61ee1f1dc76fa0591c18e250e24d97aeff50e156e1469e1e3c9ef2ffdc19f17f29dcd8ddd7e99f");
        yield return Hex.Decode("0x02f8e7827a69078477359400850ba43b740083015f9094353535353535353535353535353535353535353582303984deadbeeff872f859943535353535353535353535353535353535353535f842a00000000000000000000000000000000000000000000000000000000000000001a000000000000000000000000000000000000000000000000000000000000000ffd6941111111111111111111111111111111111111111c080a053e74b510a8eecac0caad471d6354435888305a607ef33a0e0ff5f3314223f33a07512c6c1bd687dcf7ed8e89b1c9db84086677711d7d5f3eac2b7467dc01c5e74");
        using var key = SigningKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        yield return new Eip1559Transaction(31337, 0, 1, 2, 21000, null, 0, [0x60, 0x00]).Sign(key).Raw; // contract creation
        yield return new Eip1559Transaction(1, 7, 2, 3, 90_000, Address.Zero, 5, []).Sign(key).Raw;
    }
}
