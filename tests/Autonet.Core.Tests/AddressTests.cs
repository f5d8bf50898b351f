using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Core.Tests;

public class AddressTests
{
    [Fact]
    public void Parse_WrongChecksum_ThrowsNamingExpected()
    {
        // The EIP-55 vector with one letter's case flipped.
        var error = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("EIP-55 checksum mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongLength_Throws()
    {
        var error = Assert.Throws<FormatException>(() => Address.Parse("0x1234"));
        Assert.Contains("expected 20 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPublicKey_KnownKey_MatchesAddress()
    {
        // Public key of private key 1 (the secp256k1 generator G); its address is well known.
        var g = Hex.Decode("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Address.FromPublicKey(g).ToString());
    }

    [Fact]
    public void Constructor_WrongLength_NamesParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new Address(new byte[3]));
        Assert.Equal("bytes", error.ParamName);
    }
}
