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
        var text = System.Text.Encoding.ASCII.GetBytes(delta.ToString());
        // abi.encode(uint256 7, address, string, bytes32): head (id, address, offset 0x80, salt), tail (length, padded text).
        var tail = new byte[(text.Length + 31) / 32 * 32];
        text.CopyTo(tail, 0);
        var encoded = Hex.Decode(
            "0000000000000000000000000000000000000000000000000000000000000007" +
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            "0000000000000000000000000000000000000000000000000000000000000080" +
            Hex.Encode(salt.ToArray(), prefix: false) +
            text.Length.ToString("x64", System.Globalization.CultureInfo.InvariantCulture) +
            Hex.Encode(tail, prefix: false));
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
        var text = System.Text.Encoding.ASCII.GetBytes(cid.ToString());
        var tail = new byte[(text.Length + 31) / 32 * 32];
        text.CopyTo(tail, 0);
        var encoded = Hex.Decode(
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            Hex.Encode(salt.ToArray(), prefix: false) +
            text.Length.ToString("x64", System.Globalization.CultureInfo.InvariantCulture) +
            Hex.Encode(tail, prefix: false));
        Assert.Equal(Keccak256.Hash(encoded), Commitment.ForGroundTruth(proposer, cid, salt));
    }
}
