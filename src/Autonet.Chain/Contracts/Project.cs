using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of Project: create and fund projects in ATN, name proposers and aggregators, publish the model of each
/// settled task (one per task, by its designated aggregator, with a bond; task 0 is the genesis model) as the next
/// round, and read it back by task, with whether its challenge window has settled.
/// </summary>
public sealed class Project(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>
    /// Creates a project owned by the sender and returns its id (from ProjectCreated). <paramref name="aggregation"/> is
    /// its aggregation spec (Protocol's AggregationSpec text; empty: FedAvg), fixed for the project's life.
    /// </summary>
    public async Task<BigInteger> CreateProjectAsync(SigningKey from, string metadataCid, string aggregation, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(from, "createProject", cancellationToken, metadataCid, aggregation).ConfigureAwait(false);
        return (BigInteger)Raw.Events(receipt, "ProjectCreated").Single()["projectId"];
    }

    /// <summary>Moves <paramref name="amount"/> ATN from the sender into the project's budget (approve first).</summary>
    public Task<TransactionReceipt> FundAsync(SigningKey from, BigInteger projectId, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "fund", cancellationToken, projectId, amount);

    public Task<TransactionReceipt> SetProposerAsync(SigningKey owner, BigInteger projectId, Address account, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setProposer", cancellationToken, projectId, account, allowed);

    /// <summary>Lists the sender as a <paramref name="role"/> member of the project: one its tasks wait for (TaskContract.commitsComplete).</summary>
    /// <exception cref="ChainException">It reverted: <c>NotStaked</c>, <c>AlreadyMember</c>, <c>MembersFull</c> or <c>UnknownProject</c>.</exception>
    public Task<TransactionReceipt> JoinAsync(SigningKey from, BigInteger projectId, StakingRole role, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "join", cancellationToken, projectId, (byte)role);

    /// <summary>Takes the sender off the project's <paramref name="role"/> members.</summary>
    /// <exception cref="ChainException">It reverted: <c>NotMember</c>.</exception>
    public Task<TransactionReceipt> LeaveAsync(SigningKey from, BigInteger projectId, StakingRole role, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "leave", cancellationToken, projectId, (byte)role);

    /// <summary>The project's <paramref name="role"/> members, in list order.</summary>
    public async Task<IReadOnlyList<Address>> MembersOfAsync(BigInteger projectId, StakingRole role, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("membersOf", cancellationToken, projectId, (byte)role).ConfigureAwait(false))[0]).Cast<Address>().ToList();

    public Task<TransactionReceipt> SetAggregatorAsync(SigningKey owner, BigInteger projectId, Address account, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setAggregator", cancellationToken, projectId, account, allowed);

    /// <summary>
    /// Publishes the model aggregated by <paramref name="taskId"/> (0: the genesis model) as the next round; returns the
    /// round number (from ModelPublished) and the receipt.
    /// </summary>
    /// <exception cref="ChainException">It reverted: <c>ModelAlreadyPublished(projectId, taskId, round, cid)</c> for a task
    /// that has its model, <c>NotProjectAggregator</c>, <c>NotDesignatedAggregator</c>, <c>TaskNotSettled</c>, <c>EmptyModel</c>
    /// (a task model also needs ModelChallenges approved for the aggregator's bond).</exception>
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

    /// <summary>The aggregation spec the project stated at creation (empty: FedAvg).</summary>
    public Task<string> AggregationOfAsync(BigInteger projectId, CancellationToken cancellationToken) =>
        Raw.CallAsync<string>("aggregationOf", cancellationToken, projectId);

    /// <summary>The erasure code (k data, m parity shards) the project's models are stored with; 4 + 2 unless its owner set one.</summary>
    public async Task<(int DataShards, int ParityShards)> StorageCodeOfAsync(BigInteger projectId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("storageCodeOf", cancellationToken, projectId).ConfigureAwait(false);
        return ((int)(BigInteger)values[0], (int)(BigInteger)values[1]);
    }

    /// <summary>Sets the project's erasure code (only its owner; 1 &lt;= k, k + m &lt;= 256).</summary>
    public Task<TransactionReceipt> SetStorageCodeAsync(SigningKey owner, BigInteger projectId, int dataShards, int parityShards, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setStorageCode", cancellationToken, projectId, (uint)dataShards, (uint)parityShards);

    /// <summary>The project's owner, metadata CID, unallocated budget and latest published round (0: none yet).</summary>
    /// <exception cref="ChainException">It reverted: <c>UnknownProject(projectId)</c>.</exception>
    public async Task<(Address Owner, string MetadataCid, BigInteger Budget, BigInteger LatestRound)> GetProjectAsync(BigInteger projectId, CancellationToken cancellationToken)
    {
        var info = (object[])(await Raw.CallAsync("getProject", cancellationToken, projectId).ConfigureAwait(false))[0];
        return ((Address)info[0], (string)info[1], (BigInteger)info[2], (BigInteger)info[3]);
    }

    /// <summary>Whether <paramref name="account"/> may propose the project's tasks (its owner always may).</summary>
    public Task<bool> IsProposerAsync(BigInteger projectId, Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isProposer", cancellationToken, projectId, account);

    /// <summary>Whether <paramref name="account"/> is an approved aggregator of the project.</summary>
    public Task<bool> IsAggregatorAsync(BigInteger projectId, Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isAggregator", cancellationToken, projectId, account);

    public Task<BigInteger> BudgetOfAsync(BigInteger projectId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("budgetOf", cancellationToken, projectId);

    /// <summary>The latest published model: CID, Merkle root, round (final or still in its challenge window).</summary>
    public async Task<(string Cid, Hash32 MerkleRoot, BigInteger Round)> LatestModelAsync(BigInteger projectId, CancellationToken cancellationToken)
    {
        var (cid, root, round, _) = await ModelAsync("latestModel", projectId, cancellationToken).ConfigureAwait(false);
        return (cid, root, round);
    }

    /// <summary>The latest published model with whether it is final (its challenge window settled; the genesis model is final at once).</summary>
    public Task<(string Cid, Hash32 MerkleRoot, BigInteger Round, bool Finalized)> LatestModelWithFinalityAsync(BigInteger projectId, CancellationToken cancellationToken) =>
        ModelAsync("latestModel", projectId, cancellationToken);

    /// <summary>The latest model whose challenge window settled: what a reader that must not see a replaced model uses.</summary>
    public Task<(string Cid, Hash32 MerkleRoot, BigInteger Round, bool Finalized)> LatestFinalModelAsync(BigInteger projectId, CancellationToken cancellationToken) =>
        ModelAsync("latestFinalModel", projectId, cancellationToken);

    /// <summary>The round whose model is the aggregate of <paramref name="taskId"/>; 0 while none is published.</summary>
    public Task<BigInteger> RoundOfTaskAsync(BigInteger projectId, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("roundOfTask", cancellationToken, projectId, taskId);

    /// <summary>The aggregator that publishes <paramref name="taskId"/>'s model (approved aggregators take tasks in turn).</summary>
    public Task<Address> DesignatedAggregatorAsync(BigInteger projectId, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<Address>("designatedAggregator", cancellationToken, projectId, taskId);

    private async Task<(string Cid, Hash32 MerkleRoot, BigInteger Round, bool Finalized)> ModelAsync(string function, BigInteger projectId, CancellationToken cancellationToken)
    {
        var model = (object[])(await Raw.CallAsync(function, cancellationToken, projectId).ConfigureAwait(false))[0];
        return ((string)model[0], new Hash32((byte[])model[1]), (BigInteger)model[2], (bool)model[6]);
    }
}
