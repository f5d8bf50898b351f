using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>The example transaction of EIP-155 ("Example"): key 0x4646…46, nonce 9, 20 gwei, to 0x3535…35, 1 ether, chain 1.</summary>
public class Eip155Vectors
{
    private static readonly LegacyTransaction Example = new(
        Nonce: 9,
        GasPrice: 20_000_000_000,
        GasLimit: 21000,
        To: Address.Parse("0x" + string.Concat(Enumerable.Repeat("35", 20))),
        Value: BigInteger.Pow(10, 18),
        Data: [],
        ChainId: 1);

    [Fact]
    public void SigningHash_Example_MatchesEip155()
    {
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Example.SigningHash().ToString());
    }

    [Fact]
    public void Sign_Example_MatchesEip155SignedTransaction()
    {
        // The vector's r and s come from RFC 6979 nonces, so matching them also checks our deterministic k.
        using var key = SigningKey.Parse("0x" + string.Concat(Enumerable.Repeat("46", 32)));
        var signed = Example.Sign(key);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            Hex.Encode(signed.Raw));
    }

    [Fact]
    public void Decode_Example_RecoversEip155Sender()
    {
        // EIP-155's example key 0x4646…46 has address 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F.
        var raw = Hex.Decode("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
        var (decoded, sender) = LegacyTransaction.Decode(raw);
        Assert.Equal(Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"), sender);
        Assert.Equal(Example.SigningHash(), decoded.SigningHash());
        Assert.Equal(BigInteger.One, decoded.ChainId);
    }
}
