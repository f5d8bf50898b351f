using Autonet.Core.Codecs;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

public class CommitmentTests
{
    [Fact]
    public void ForSolution_Words_AreAbiEncodedInOrder()
    {
        var solver = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var delta = ContentId.Of("delta"u8);
        var salt = new Hash32(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        // abi.encode(uint256 7, address, bytes32 digest, bytes32 salt): four static words.
        var encoded = Hex.Decode(
            "0000000000000000000000000000000000000000000000000000000000000007" +
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            Hex.Encode(System.Security.Cryptography.SHA256.HashData("delta"u8), prefix: false) +
            Hex.Encode(salt.ToArray(), prefix: false));
        Assert.Equal(Keccak256.Hash(encoded), Commitment.ForSolution(7, solver, delta, salt));
    }

    [Fact]
    public void ForSolution_AnyFieldChanged_ChangesCommitment()
    {
        var solver = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var delta = ContentId.Of("delta"u8);
        var salt = new Hash32(new byte[32]);
        var baseline = Commitment.ForSolution(1, solver, delta, salt);
        Assert.NotEqual(baseline, Commitment.ForSolution(2, solver, delta, salt));
        Assert.NotEqual(baseline, Commitment.ForSolution(1, Address.Zero, delta, salt));
        Assert.NotEqual(baseline, Commitment.ForSolution(1, solver, ContentId.Of("other"u8), salt));
        Assert.NotEqual(baseline, Commitment.ForSolution(1, solver, delta, new Hash32(Enumerable.Repeat((byte)1, 32).ToArray())));
    }

    [Fact]
    public void ForGroundTruth_Words_AreAbiEncodedInOrder()
    {
        var proposer = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var cid = ContentId.Of("validation"u8);
        var salt = new Hash32(Enumerable.Repeat((byte)0xAB, 32).ToArray());
        // abi.encode(address, bytes32 digest, bytes32 salt): three static words; the digest is the CID's sha2-256.
        var encoded = Hex.Decode(
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            Hex.Encode(System.Security.Cryptography.SHA256.HashData("validation"u8), prefix: false) +
            Hex.Encode(salt.ToArray(), prefix: false));
        Assert.Equal(Keccak256.Hash(encoded), Commitment.ForGroundTruth(proposer, cid, salt));
    }
}
