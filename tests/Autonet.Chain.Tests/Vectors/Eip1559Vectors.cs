using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>
/// Bytes produced by anvil 1.7.1's own signer (eth_signTransaction for its dev account 0, RFC 6979 nonces) for a
/// type-2 transaction with a two-entry EIP-2930 access list and for an EIP-155 legacy transaction on chain 31337.
/// Matching them byte for byte checks the access-list encoding in both the signing hash and the envelope.
/// </summary>
public class Eip1559Vectors
{
    public const string DevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public const string AccessListTransaction =
        "0x02f8e7827a69078477359400850ba43b740083015f9094353535353535353535353535353535353535353582303984deadbeeff872f859943535353535353535353535353535353535353535f842a00000000000000000000000000000000000000000000000000000000000000001a000000000000000000000000000000000000000000000000000000000000000ffd6941111111111111111111111111111111111111111c080a053e74b510a8eecac0caad471d6354435888305a607ef33a0e0ff5f3314223f33a07512c6c1bd687dcf7ed8e89b1c9db84086677711d7d5f3eac2b7467dc01c5e74";

    public const string LegacyTransaction31337 =
        "0xf86e098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008082f4f6a0b2e04a073c0741b429cddae0771f0f1eaa3cd155f9f28c183f5a61ee1f1dc76fa0591c18e250e24d97aeff50e156e1469e1e3c9ef2ffdc19f17f29dcd8ddd7e99f";

    private static readonly Address Recipient = Address.Parse("0x3535353535353535353535353535353535353535");

    public static Eip1559Transaction WithAccessList { get; } = new(31337, 7, 2_000_000_000, 50_000_000_000, 90_000, Recipient, 12345, [0xde, 0xad, 0xbe, 0xef])
    {
        AccessList =
        [
            new AccessListEntry(Recipient, [Hash32.Parse("0x" + new string('0', 63) + "1"), Hash32.Parse("0x" + new string('0', 62) + "ff")]),
            new AccessListEntry(Address.Parse("0x1111111111111111111111111111111111111111"), []),
        ],
    };

    [Fact]
    public void Sign_AccessList_MatchesAnvilsBytes()
    {
        using var key = SigningKey.Parse(DevKey0);
        Assert.Equal(AccessListTransaction, Hex.Encode(WithAccessList.Sign(key).Raw));
    }

    [Fact]
    public void Decode_AnvilAccessList_RecoversSenderAndEntries()
    {
        using var key = SigningKey.Parse(DevKey0);
        var (decoded, sender) = Eip1559Transaction.Decode(Hex.Decode(AccessListTransaction));
        Assert.Equal(key.Address, sender);
        Assert.Equal(WithAccessList.SigningHash(), decoded.SigningHash());
        Assert.Equal(2, decoded.AccessList.Count);
        Assert.Equal(WithAccessList.AccessList[0].Address, decoded.AccessList[0].Address);
        Assert.Equal(WithAccessList.AccessList[0].StorageKeys, decoded.AccessList[0].StorageKeys);
        Assert.Empty(decoded.AccessList[1].StorageKeys);
    }

    [Fact]
    public void SigningHash_AccessList_DiffersFromEmptyList()
    {
        Assert.NotEqual(WithAccessList.SigningHash(), (WithAccessList with { AccessList = [] }).SigningHash());
    }

    [Fact]
    public void Decode_AnvilLegacy_RecoversSenderAndChainId()
    {
        using var key = SigningKey.Parse(DevKey0);
        var (decoded, sender) = LegacyTransaction.Decode(Hex.Decode(LegacyTransaction31337));
        Assert.Equal(key.Address, sender);
        Assert.Equal(new BigInteger(31337), decoded.ChainId);
        Assert.Equal(new BigInteger(9), decoded.Nonce);
        Assert.Equal(LegacyTransaction31337, Hex.Encode(decoded.Sign(key).Raw));
    }
}
