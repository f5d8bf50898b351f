using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of TaskContract: propose, open commits, commit and reveal solutions, reveal the ground truth,
/// close reveals, cancel; read a task as a <see cref="TaskRecord"/> and its solutions as <see cref="SolutionRecord"/>s.
/// Content ids travel as their sha2-256 digests (bytes32). The commitments are computed here exactly as the contract
/// does (abi.encode, then keccak256), so a node can commit without a round trip; tests check them against the
/// contract's pure functions.
/// </summary>
public sealed class TaskContract(Contract contract)
{
    private static readonly IReadOnlyList<AbiParameter> SolutionFields =
        [new("taskId", AbiType.UInt256), new("solver", AbiType.AddressType), new("digest", AbiType.Parse("bytes32")), new("salt", AbiType.Parse("bytes32"))];

    private static readonly IReadOnlyList<AbiParameter> GroundTruthFields =
        [new("proposer", AbiType.AddressType), new("gtDigest", AbiType.Parse("bytes32")), new("salt", AbiType.Parse("bytes32"))];

    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>keccak256(abi.encode(taskId, solver, digest, salt)): binds the solver, so a copier cannot reuse a seen commitment.</summary>
    public static Hash32 SolutionCommitment(BigInteger taskId, Address solver, ContentId delta, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(SolutionFields, [taskId, solver, delta.Digest, salt]));

    /// <summary>keccak256(abi.encode(proposer, gtDigest, salt)).</summary>
    public static Hash32 GroundTruthCommitment(Address proposer, ContentId groundTruth, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(GroundTruthFields, [proposer, groundTruth.Digest, salt]));

    /// <summary>Proposes a task (the project's budget pays its reward); returns its id (from TaskProposed) and the receipt.</summary>
    /// <exception cref="ChainException">It reverted, e.g. <c>RewardTooSmall</c>, <c>WindowOutOfRange</c>, <c>InsufficientBudget</c>.</exception>
    public async Task<(BigInteger TaskId, TransactionReceipt Receipt)> ProposeTaskAsync(SigningKey proposer, TaskTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var receipt = await Raw.SendAsync(proposer, "proposeTask", cancellationToken, [terms.ToAbi()]).ConfigureAwait(false);
        return ((BigInteger)Raw.Events(receipt, "TaskProposed").Single()["taskId"], receipt);
    }

    /// <summary>Opens commits: the proposer at any time, anyone (a keeper) once the commit window has passed since the proposal.</summary>
    public Task<TransactionReceipt> OpenCommitsAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "openCommits", cancellationToken, taskId);

    public Task<TransactionReceipt> CommitSolutionAsync(SigningKey solver, BigInteger taskId, Hash32 commitment, CancellationToken cancellationToken) =>
        Raw.SendAsync(solver, "commitSolution", cancellationToken, taskId, commitment);

    public Task<TransactionReceipt> RevealGroundTruthAsync(SigningKey proposer, BigInteger taskId, ContentId groundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(proposer, "revealGroundTruth", cancellationToken, taskId, groundTruth.Digest, salt);

    public Task<TransactionReceipt> RevealSolutionAsync(SigningKey solver, BigInteger taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(solver, "revealSolution", cancellationToken, taskId, delta.Digest, salt);

    public Task<TransactionReceipt> CloseRevealsAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "closeReveals", cancellationToken, taskId);

    public Task<TransactionReceipt> CancelTaskAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "cancelTask", cancellationToken, taskId);

    public async Task<TaskState> StateOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (TaskState)(byte)await Raw.CallAsync<BigInteger>("stateOf", cancellationToken, taskId).ConfigureAwait(false);

    /// <summary>Everything stored about <paramref name="taskId"/>; null when there is no such task (state None).</summary>
    public async Task<TaskRecord?> GetTaskAsync(BigInteger taskId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("getTask", cancellationToken, taskId).ConfigureAwait(false);
        var task = TaskRecord.FromAbi(taskId, (object[])values[0]);
        return task.State == TaskState.None ? null : task;
    }

    /// <summary>Every commitment of <paramref name="taskId"/> in commit order, with what was revealed (one call).</summary>
    public async Task<IReadOnlyList<SolutionRecord>> SolutionsOfAsync(BigInteger taskId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("solutionsOf", cancellationToken, taskId).ConfigureAwait(false);
        var (solvers, commitments, digests) = ((object[])values[0], (object[])values[1], (object[])values[2]);
        var solutions = new List<SolutionRecord>(solvers.Length);
        for (var i = 0; i < solvers.Length; i++)
        {
            var digest = new Hash32((byte[])digests[i]);
            solutions.Add(new SolutionRecord((Address)solvers[i], new Hash32((byte[])commitments[i]), digest == default ? null : new ContentId(digest)));
        }
        return solutions;
    }

    /// <summary>Number of tasks; ids run from 1 to this value.</summary>
    public Task<BigInteger> TaskCountAsync(CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("taskCount", cancellationToken);

    /// <summary>The project paying for <paramref name="taskId"/> (0 if there is no such task).</summary>
    public Task<BigInteger> ProjectOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("projectOf", cancellationToken, taskId);

    /// <summary>How the contract splits <paramref name="reward"/> into a task's pools (its rule, read, not recomputed).</summary>
    public async Task<RewardSplit> RewardSplitAsync(BigInteger reward, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("rewardSplit", cancellationToken, reward).ConfigureAwait(false);
        return new RewardSplit((BigInteger)values[0], (BigInteger)values[1], (BigInteger)values[2], (BigInteger)values[3]);
    }

    /// <summary>Whether every member solver of the task's project committed (the ground truth may come before the commit deadline).</summary>
    public async Task<bool> CommitsCompleteAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (bool)(await Raw.CallAsync("commitsComplete", cancellationToken, taskId).ConfigureAwait(false))[0];

    /// <summary>Whether every committed solver of the task revealed (reveals may close before their deadline).</summary>
    public async Task<bool> RevealsCompleteAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (bool)(await Raw.CallAsync("revealsComplete", cancellationToken, taskId).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<Address>> RevealedSolversAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("revealedSolvers", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();

    public async Task<IReadOnlyList<Address>> CommittedSolversAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("committedSolvers", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();
}
