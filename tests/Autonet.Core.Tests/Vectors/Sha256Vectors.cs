using System.Text;
using Autonet.Core.Hashing;

namespace Autonet.Core.Tests.Vectors;

/// <summary>SHA-256 vectors from FIPS 180-4 examples.</summary>
public class Sha256Vectors
{
    [Theory]
    [InlineData("", "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Hash_KnownInput_MatchesVector(string input, string expected) =>
        Assert.Equal(expected, Sha256.Hash(Encoding.UTF8.GetBytes(input)).ToString());
}
