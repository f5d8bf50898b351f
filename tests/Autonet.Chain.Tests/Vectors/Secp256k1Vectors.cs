using Autonet.Chain.Crypto;
using Autonet.Core.Codecs;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>Known key-to-address pairs (private key 1; anvil's first two dev accounts) and sign-recover round trips.</summary>
public class Secp256k1Vectors
{
    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [InlineData("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    public void Address_KnownKey_MatchesVector(string privateKey, string address)
    {
        using var key = SigningKey.Parse(privateKey);
        Assert.Equal(address, key.Address.ToString());
    }

    [Fact]
    public void Sign_ManyHashes_LowSAndRecoversSigner()
    {
        using var key = SigningKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var sawBothIds = new HashSet<byte>();
        for (var i = 0; i < 12; i++)
        {
            var hash = Keccak256.Hash(BitConverter.GetBytes(i)).ToArray();
            var signature = key.Sign(hash);
            Assert.True(signature.S <= Secp256k1.Order / 2, "EIP-2 requires low s");
            Assert.Equal(key.Address, Secp256k1.RecoverAddress(hash, signature));
            Assert.Equal(signature, key.Sign(hash)); // RFC 6979: deterministic
            sawBothIds.Add(signature.RecoveryId);
        }
        Assert.Equal(2, sawBothIds.Count);
    }

    [Fact]
    public void RecoverAddress_TamperedHash_GivesOtherAddress()
    {
        using var key = SigningKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var hash = Keccak256.Hash("a"u8).ToArray();
        var signature = key.Sign(hash);
        hash[0] ^= 1;
        Assert.NotEqual(key.Address, Secp256k1.RecoverAddress(hash, signature));
    }

    [Fact]
    public void Sign_RoundTripThroughBytes_Preserved()
    {
        using var key = SigningKey.Generate();
        var signature = key.Sign(Keccak256.Hash("b"u8));
        Assert.Equal(signature, EcdsaSignature.FromBytes(signature.ToBytes()));
        Assert.Equal(signature, EcdsaSignature.FromBytes(signature.ToBytes(0)));
        Assert.Throws<FormatException>(() => EcdsaSignature.FromBytes(signature.ToBytes(5)));
        Assert.Equal(65, Hex.Decode(Hex.Encode(signature.ToBytes())).Length);
    }
}
