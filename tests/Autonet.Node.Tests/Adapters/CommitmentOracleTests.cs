using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Protocol.Roles;

namespace Autonet.Node.Tests.Adapters;

/// <summary>Protocol's hand-written ABI encodings against Autonet.Chain's general ABI encoder (the contract's formula).</summary>
public sealed class CommitmentOracleTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(123456789UL)]
    public void ForSolution_EqualsTaskContractEncoding(ulong taskId)
    {
        var solver = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var cid = ContentId.Of("some delta"u8);
        var salt = new Hash32(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(TaskContract.SolutionCommitment(taskId, solver, cid, salt), Commitment.ForSolution(taskId, solver, cid, salt));
    }

    [Fact]
    public void ForGroundTruth_EqualsTaskContractEncoding()
    {
        var proposer = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var cid = ContentId.Of("validation"u8);
        var salt = new Hash32(Enumerable.Repeat((byte)0xCD, 32).ToArray());
        Assert.Equal(TaskContract.GroundTruthCommitment(proposer, cid, salt), Commitment.ForGroundTruth(proposer, cid, salt));
    }
}
