using System.Text;
using Autonet.Chain.Crypto;

namespace Autonet.Chain.Tests.Vectors;

/// <summary>EIP-191 personal_sign: the hash of "Hello World" as published in the ethers.js documentation (hashMessage).</summary>
public class Eip191Vectors
{
    [Fact]
    public void Hash_HelloWorld_MatchesVector()
    {
        Assert.Equal("0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2", PersonalMessage.Hash(Encoding.ASCII.GetBytes("Hello World")).ToString());
    }

    [Fact]
    public void Sign_Message_RecoversSignerAndVIs27Or28()
    {
        using var key = SigningKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var signature = PersonalMessage.Sign("autonet"u8, key);
        Assert.InRange(signature[64], (byte)27, (byte)28);
        Assert.Equal(key.Address, PersonalMessage.RecoverSigner("autonet"u8, signature));
        Assert.NotEqual(key.Address, PersonalMessage.RecoverSigner("autonet!"u8, signature));
        Assert.Null(PersonalMessage.RecoverSigner("autonet"u8, signature.AsSpan(0, 64)));
    }
}
