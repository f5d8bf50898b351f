using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ParticipantStaking: stake per role with a lock, unstake after it, slashing by authorised contracts.</summary>
public sealed class ParticipantStaking(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>Stakes <paramref name="amount"/> ATN for <paramref name="role"/>; the caller must have approved the staking contract.</summary>
    public Task<TransactionReceipt> StakeAsync(SigningKey from, StakingRole role, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "stake", cancellationToken, (byte)role, amount);

    public Task<TransactionReceipt> UnstakeAsync(SigningKey from, StakingRole role, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "unstake", cancellationToken, (byte)role, amount);

    public Task<TransactionReceipt> SlashAsync(SigningKey from, Address account, StakingRole role, BigInteger amount, Hash32 reason, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "slash", cancellationToken, account, (byte)role, amount, reason);

    public Task<TransactionReceipt> SetSlasherAsync(SigningKey owner, Address slasher, bool allowed, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setSlasher", cancellationToken, slasher, allowed);

    public Task<BigInteger> StakeOfAsync(Address account, StakingRole role, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("stakeOf", cancellationToken, account, (byte)role);

    public Task<bool> IsActiveAsync(Address account, StakingRole role, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isActive", cancellationToken, account, (byte)role);

    public Task<BigInteger> MinimumStakeAsync(StakingRole role, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("minimumStake", cancellationToken, (byte)role);

    /// <summary>When <paramref name="account"/>'s <paramref name="role"/> stake may be withdrawn, holds aside (ParticipantStaking.unlockTimeOf).</summary>
    public async Task<DateTimeOffset> UnlockTimeOfAsync(Address account, StakingRole role, CancellationToken cancellationToken) =>
        DateTimeOffset.FromUnixTimeSeconds((long)await Raw.CallAsync<BigInteger>("unlockTimeOf", cancellationToken, account, (byte)role).ConfigureAwait(false));

    /// <summary>The lock after staking, in seconds.</summary>
    public async Task<TimeSpan> LockPeriodAsync(StakingRole role, CancellationToken cancellationToken) =>
        TimeSpan.FromSeconds((double)await Raw.CallAsync<BigInteger>("lockPeriod", cancellationToken, (byte)role).ConfigureAwait(false));
}
