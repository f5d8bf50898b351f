using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of Project: create and fund projects in ATN, name proposers and aggregators, publish the mature model
/// of each task (one per task; task 0 is the genesis model) as the next round, and read it back by task.
/// </summary>
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

    /// <summary>
    /// Publishes the model aggregated by <paramref name="taskId"/> (0: the genesis model) as the next round; returns the
    /// round number (from ModelPublished) and the receipt.
    /// </summary>
    /// <exception cref="ChainException">It reverted: <c>ModelAlreadyPublished(projectId, taskId, round, cid)</c> for a task
    /// that has its model, <c>NotProjectAggregator</c>, <c>EmptyModel</c>.</exception>
    public async Task<(BigInteger Round, TransactionReceipt Receipt)> PublishModelAsync(
        SigningKey aggregator, BigInteger projectId, BigInteger taskId, string cid, Hash32 merkleRoot, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(aggregator, "publishModel", cancellationToken, projectId, taskId, cid, merkleRoot).ConfigureAwait(false);
        return ((BigInteger)Raw.Events(receipt, "ModelPublished").Single()["round"], receipt);
    }

    /// <summary>The model published for <paramref name="taskId"/> of <paramref name="projectId"/>; null while none is.</summary>
    public async Task<PublishedModel?> ModelOfTaskAsync(BigInteger projectId, BigInteger taskId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("modelOfTask", cancellationToken, projectId, taskId).ConfigureAwait(false);
        var (cid, root) = ((string)values[0], new Hash32((byte[])values[1]));
        return cid.Length == 0 ? null : new PublishedModel(cid, root);
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
