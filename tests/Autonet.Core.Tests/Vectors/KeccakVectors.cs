using System.Text;
using Autonet.Core.Hashing;

namespace Autonet.Core.Tests.Vectors;

/// <summary>Keccak-256 (Ethereum's, original padding) known-answer vectors.</summary>
public class KeccakVectors
{
    public static TheoryData<string, string> Cases => new()
    {
        { "", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" },
        { "abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45" },
        { "hello world", "0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad" },
        { "transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hash_KnownInput_MatchesVector(string input, string expected) =>
        Assert.Equal(expected, Keccak256.Hash(Encoding.UTF8.GetBytes(input)).ToString());

    [Fact]
    public void Append_AcrossBlockBoundaries_MatchesOneShot()
    {
        var data = new byte[1000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        foreach (var chunk in new[] { 1, 135, 136, 137, 500 })
        {
            var keccak = new Keccak256();
            for (var at = 0; at < data.Length; at += chunk)
            {
                keccak.Append(data.AsSpan(at, Math.Min(chunk, data.Length - at)));
            }

            Assert.Equal(Keccak256.Hash(data), keccak.Finish());
        }
    }
}
