using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of Project: create and fund projects in ATN, name proposers and aggregators, publish the mature model per round.</summary>
public sealed class Project(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>Creates a project owned by the sender and returns its id (from ProjectCreated).</summary>
    public async Task<BigInteger> CreateProjectAsync(SigningKey from, string metadataCid, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(from, "createProject", cancellationToken, metadataCid).ConfigureAwait(false);
        return (BigInteger)Raw.Events(receipt, "ProjectCreated").Single()["projectId"];
    }

    /// <summary>Moves <paramref name="amount"/> ATN from the sender into the project's budget (approve first).</summary>
    public Task<TransactionReceipt> FundAsync(SigningKey from, BigInteger projectId, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "fund", cancellationToken, projectId, amount);

    public Task<TransactionReceipt> SetProposerAsync(SigningKey owner, BigInteger projectId, Address account, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setProposer", cancellationToken, projectId, account, allowed);

    public Task<TransactionReceipt> SetAggregatorAsync(SigningKey owner, BigInteger projectId, Address account, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setAggregator", cancellationToken, projectId, account, allowed);

    /// <summary>Publishes the mature global model of the next round; returns the round number.</summary>
    public async Task<BigInteger> PublishModelAsync(SigningKey aggregator, BigInteger projectId, string cid, Hash32 merkleRoot, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(aggregator, "publishModel", cancellationToken, projectId, cid, merkleRoot).ConfigureAwait(false);
        return (BigInteger)Raw.Events(receipt, "ModelPublished").Single()["round"];
    }

    public Task<BigInteger> BudgetOfAsync(BigInteger projectId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("budgetOf", cancellationToken, projectId);

    /// <summary>The latest published model: CID, Merkle root, round.</summary>
    public async Task<(string Cid, Hash32 MerkleRoot, BigInteger Round)> LatestModelAsync(BigInteger projectId, CancellationToken cancellationToken)
    {
        var model = (object[])(await Raw.CallAsync("latestModel", cancellationToken, projectId).ConfigureAwait(false))[0];
        return ((string)model[0], new Hash32((byte[])model[1]), (BigInteger)model[2]);
    }
}
