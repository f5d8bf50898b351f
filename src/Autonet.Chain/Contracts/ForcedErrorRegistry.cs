using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ForcedErrorRegistry: plant a known-bad solution behind a flag commitment, reveal it, read catch/miss records.</summary>
public sealed class ForcedErrorRegistry(Contract contract)
{
    private static readonly IReadOnlyList<AbiParameter> FlagFields =
        [new("taskId", AbiType.UInt256), new("solver", AbiType.AddressType), new("digest", AbiType.Parse("bytes32")), new("salt", AbiType.Parse("bytes32"))];

    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>
    /// keccak256(abi.encode(taskId, solver, digest, salt)): hides which solver is the plant until reveal, and binds the
    /// plant's content digest (committed before commits open), so the planter cannot later flag an honest solution.
    /// </summary>
    public static Hash32 FlagCommitment(BigInteger taskId, Address solver, Hash32 digest, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(FlagFields, [taskId, solver, digest, salt]));

    public Task<TransactionReceipt> SetPlanterAsync(SigningKey owner, Address planter, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setPlanter", cancellationToken, planter, allowed);

    public Task<TransactionReceipt> PlantAsync(SigningKey planter, BigInteger taskId, Hash32 flagCommit, CancellationToken cancellationToken) =>
        Raw.SendAsync(planter, "plant", cancellationToken, taskId, flagCommit);

    public Task<TransactionReceipt> RevealAsync(SigningKey planter, BigInteger taskId, Address solver, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(planter, "reveal", cancellationToken, taskId, solver, salt);

    public Task<bool> IsPendingAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isPending", cancellationToken, taskId);

    /// <summary>The solver whose solution was a revealed forced error of <paramref name="taskId"/>; null while none is revealed.</summary>
    public async Task<Address?> RevealedForcedSolverAsync(BigInteger taskId, CancellationToken cancellationToken)
    {
        var solver = await Raw.CallAsync<Address>("revealedForcedSolver", cancellationToken, taskId).ConfigureAwait(false);
        return solver == Address.Zero ? null : solver;
    }

    /// <summary>How many forced errors the coordinator caught and missed.</summary>
    public async Task<(BigInteger Caught, BigInteger Missed)> RecordOfAsync(Address coordinator, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("recordOf", cancellationToken, coordinator).ConfigureAwait(false);
        return ((BigInteger)values[0], (BigInteger)values[1]);
    }
}
