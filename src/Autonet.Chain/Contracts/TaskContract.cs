using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of TaskContract: propose, open commits, commit and reveal solutions, reveal the ground truth,
/// close reveals. The commitments are computed here exactly as the contract does (abi.encode, then keccak256), so a
/// node can commit without a round trip; tests check them against the contract's pure functions.
/// </summary>
public sealed class TaskContract(Contract contract)
{
    private static readonly IReadOnlyList<AbiParameter> SolutionFields =
        [new("taskId", AbiType.UInt256), new("solver", AbiType.AddressType), new("cid", AbiType.Parse("string")), new("salt", AbiType.Parse("bytes32"))];

    private static readonly IReadOnlyList<AbiParameter> GroundTruthFields =
        [new("proposer", AbiType.AddressType), new("gtCid", AbiType.Parse("string")), new("salt", AbiType.Parse("bytes32"))];

    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>keccak256(abi.encode(taskId, solver, cid, salt)): binds the solver, so a copier cannot reuse a seen commitment.</summary>
    public static Hash32 SolutionCommitment(BigInteger taskId, Address solver, string cid, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(SolutionFields, [taskId, solver, cid, salt]));

    /// <summary>keccak256(abi.encode(proposer, gtCid, salt)).</summary>
    public static Hash32 GroundTruthCommitment(Address proposer, string groundTruthCid, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(GroundTruthFields, [proposer, groundTruthCid, salt]));

    /// <summary>Proposes a task (the project's budget pays its pools); returns its id (from TaskProposed) and the receipt.</summary>
    public async Task<(BigInteger TaskId, TransactionReceipt Receipt)> ProposeTaskAsync(SigningKey proposer, TaskTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var receipt = await Raw.SendAsync(proposer, "proposeTask", cancellationToken, [terms.ToAbi()]).ConfigureAwait(false);
        return ((BigInteger)Raw.Events(receipt, "TaskProposed").Single()["taskId"], receipt);
    }

    public Task<TransactionReceipt> OpenCommitsAsync(SigningKey proposer, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(proposer, "openCommits", cancellationToken, taskId);

    public Task<TransactionReceipt> CommitSolutionAsync(SigningKey solver, BigInteger taskId, Hash32 commitment, CancellationToken cancellationToken) =>
        Raw.SendAsync(solver, "commitSolution", cancellationToken, taskId, commitment);

    public Task<TransactionReceipt> RevealGroundTruthAsync(SigningKey proposer, BigInteger taskId, string groundTruthCid, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(proposer, "revealGroundTruth", cancellationToken, taskId, groundTruthCid, salt);

    public Task<TransactionReceipt> RevealSolutionAsync(SigningKey solver, BigInteger taskId, string cid, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(solver, "revealSolution", cancellationToken, taskId, cid, salt);

    public Task<TransactionReceipt> CloseRevealsAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "closeReveals", cancellationToken, taskId);

    public Task<TransactionReceipt> CancelTaskAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "cancelTask", cancellationToken, taskId);

    public async Task<TaskState> StateOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (TaskState)(byte)await Raw.CallAsync<BigInteger>("stateOf", cancellationToken, taskId).ConfigureAwait(false);

    public async Task<IReadOnlyList<Address>> RevealedSolversAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("revealedSolvers", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();

    public async Task<IReadOnlyList<Address>> CommittedSolversAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("committedSolvers", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();
}
