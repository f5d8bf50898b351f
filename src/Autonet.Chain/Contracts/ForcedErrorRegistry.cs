using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of ForcedErrorRegistry: register plant accounts in advance as hidden commitments, plant a known-bad
/// solution behind a flag commitment, reveal it (with the plant account's salt) or abandon it when its account never
/// revealed its solution in the task, read catch/miss records.
/// </summary>
public sealed class ForcedErrorRegistry(Contract contract)
{
    private static readonly IReadOnlyList<AbiParameter> FlagFields =
        [new("taskId", AbiType.UInt256), new("solver", AbiType.AddressType), new("digest", AbiType.Parse("bytes32")), new("salt", AbiType.Parse("bytes32"))];

    private static readonly IReadOnlyList<AbiParameter> AccountFields =
        [new("planter", AbiType.AddressType), new("account", AbiType.AddressType), new("accountSalt", AbiType.Parse("bytes32"))];

    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>
    /// keccak256(abi.encode(taskId, solver, digest, salt)): hides which solver is the plant until reveal, and binds the
    /// plant's content digest (committed before commits open), so the planter cannot later flag an honest solution.
    /// </summary>
    public static Hash32 FlagCommitment(BigInteger taskId, Address solver, Hash32 digest, Hash32 salt) =>
        Keccak256.Hash(AbiEncoder.Encode(FlagFields, [taskId, solver, digest, salt]));

    /// <summary>
    /// keccak256(abi.encode(planter, account, accountSalt)): registers <paramref name="account"/> as a plant account of
    /// <paramref name="planter"/> without saying which address it is until a reveal opens it.
    /// </summary>
    public static Hash32 PlantAccountCommitment(Address planter, Address account, Hash32 accountSalt) =>
        Keccak256.Hash(AbiEncoder.Encode(AccountFields, [planter, account, accountSalt]));

    /// <summary>Registers plant accounts in advance (each a <see cref="PlantAccountCommitment"/>); only planters.</summary>
    /// <exception cref="ArgumentException"><paramref name="accountCommits"/> is empty (the registry refuses it too: NoPlantAccounts).</exception>
    public Task<TransactionReceipt> RegisterPlantAccountsAsync(SigningKey planter, IReadOnlyList<Hash32> accountCommits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountCommits);
        if (accountCommits.Count == 0)
        {
            throw new ArgumentException("registerPlantAccounts: no commitments given; register at least one plant account", nameof(accountCommits));
        }
        return Raw.SendAsync(planter, "registerPlantAccounts", cancellationToken, (object)accountCommits.ToArray());
    }

    public Task<TransactionReceipt> SetPlanterAsync(SigningKey owner, Address planter, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setPlanter", cancellationToken, planter, allowed);

    public Task<TransactionReceipt> PlantAsync(SigningKey planter, BigInteger taskId, Hash32 flagCommit, CancellationToken cancellationToken) =>
        Raw.SendAsync(planter, "plant", cancellationToken, taskId, flagCommit);

    /// <summary>
    /// Reveals the plant of <paramref name="taskId"/>: <paramref name="solver"/>'s solution, flagged with
    /// <paramref name="salt"/>; <paramref name="accountSalt"/> opens the solver's registration as a plant account.
    /// </summary>
    /// <exception cref="ChainException">Refused, e.g. PlantAccountNotRegistered, PlantAccountAlreadyUsed, PlantAccountRegisteredTooLate, RevealMismatch.</exception>
    public Task<TransactionReceipt> RevealAsync(SigningKey planter, BigInteger taskId, Address solver, Hash32 salt, Hash32 accountSalt, CancellationToken cancellationToken) =>
        Raw.SendAsync(planter, "reveal", cancellationToken, taskId, solver, salt, accountSalt);

    /// <summary>
    /// Abandons the plant of <paramref name="taskId"/> whose account <paramref name="solver"/> never revealed its
    /// solution there (it missed the commit or reveal window), after the vote-reveal deadline: opens the flag with the
    /// <paramref name="digest"/> planted and <paramref name="salt"/>, and the account's registration with
    /// <paramref name="accountSalt"/>; nobody is judged and finalization need not wait the forced-reveal grace.
    /// </summary>
    /// <exception cref="ChainException">Refused, e.g. PlantRevealedInTask (a revealed plant must be revealed), DeadlineNotReached, RevealMismatch, PlantAccountNotRegistered.</exception>
    public Task<TransactionReceipt> AbandonAsync(SigningKey planter, BigInteger taskId, Address solver, Hash32 digest, Hash32 salt, Hash32 accountSalt, CancellationToken cancellationToken) =>
        Raw.SendAsync(planter, "abandon", cancellationToken, taskId, solver, digest, salt, accountSalt);

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
