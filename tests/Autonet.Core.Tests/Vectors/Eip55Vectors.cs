using Autonet.Core.Ids;

namespace Autonet.Core.Tests.Vectors;

/// <summary>EIP-55 mixed-case checksum vectors (from the EIP's own examples).</summary>
public class Eip55Vectors
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    public void ToString_ParsedLowerCase_GivesChecksummedForm(string checksummed)
    {
        var parsed = Address.Parse(checksummed.ToLowerInvariant());
        Assert.Equal(checksummed, parsed.ToString());
        Assert.Equal(parsed, Address.Parse(checksummed));
    }
}
