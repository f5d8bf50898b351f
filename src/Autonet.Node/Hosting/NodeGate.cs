// The checks `node run` makes before it starts (seed 001, story 4.1: gated on wallet and stake): a key, a reachable
// RPC with the expected chain id, the deployment found from chain.registry, ETH for gas and the role's stake. When the
// stake is short of the minimum (or of node.stake_atn) and node.auto_stake is on and the ATN balance covers it, it stakes; otherwise it stops with one line
// that names what is missing, how much, and what to run. The minimums are read from the contracts, never restated here.
using System.Numerics;
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Node.Config;

namespace Autonet.Node.Hosting;

/// <summary>What the gate found: the node's address, role, stake (after any automatic stake) and the stake transaction if it made one.</summary>
public sealed record GateResult(string Address, string Role, BigInteger Stake, BigInteger Minimum, BigInteger Eth, BigInteger Atn, string? StakeTransaction);

/// <summary>Runs the checks a node must pass before it starts.</summary>
public static class NodeGate
{
    /// <exception cref="ChainException">a check failed (the message is one line naming the value and the rule)</exception>
    /// <exception cref="FileNotFoundException">no key</exception>
    public static async Task<GateResult> CheckAsync(NodeHome home, AutonetConfig config, Func<string, string?>? prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Role.Length == 0)
        {
            throw new ChainException($"node.role is empty in {config.FilePath}; rule: must be proposer, solver, coordinator, aggregator or provider (`autonet node init --role …`)");
        }
        using var key = NodeKeys.Unlock(home, config, prompt);
        var (client, system) = await NodeChain.ConnectAsync(home, config, cancellationToken).ConfigureAwait(false);
        using (client)
        {
            var eth = await client.GetBalanceAsync(key.Address, cancellationToken).ConfigureAwait(false);
            var atn = await system.Token.BalanceOfAsync(key.Address, cancellationToken).ConfigureAwait(false);
            var (stake, minimum, rule) = await StakeOfAsync(system, config.Role, key, cancellationToken).ConfigureAwait(false);
            var target = BigInteger.Max(minimum, Atn.Parse(config.StakeAtn.ToString("0.##################", System.Globalization.CultureInfo.InvariantCulture))); // node.stake_atn
            if (stake >= minimum && (stake >= target || !config.AutoStake || atn < target - stake || eth.IsZero))
            {
                return new GateResult(key.Address.ToString(), config.Role, stake, minimum, eth, atn, null); // enough to run; a top-up to node.stake_atn only when it can be paid
            }
            var missing = config.AutoStake && atn >= target - stake ? target - stake : minimum - stake;
            if (eth.IsZero)
            {
                throw new ChainException($"{key.Address} has 0 ETH to pay gas and stakes {Atn.Format(stake)} of the {Atn.Format(minimum)} ATN a {config.Role} needs ({rule}); send it ETH (`autonet faucet` on a dev chain, `autonet transfer --eth` from another account)");
            }
            if (!config.AutoStake)
            {
                throw new ChainException($"{key.Address} stakes {Atn.Format(stake)} ATN as {config.Role}, {Atn.Format(missing)} ATN short of the {Atn.Format(minimum)} ATN minimum ({rule}); node.auto_stake is false: run `autonet stake --role {config.Role}` or `autonet config set node.auto_stake true`");
            }
            if (atn < missing)
            {
                throw new ChainException($"{key.Address} stakes {Atn.Format(stake)} ATN as {config.Role} and holds {Atn.Format(atn)} ATN: {Atn.Format(missing - atn)} ATN short of staking the {Atn.Format(minimum)} ATN minimum ({rule}); send it ATN (`autonet faucet` on a dev chain, `autonet transfer`)");
            }
            var receipt = await StakeAsync(system, config.Role, key, missing, cancellationToken).ConfigureAwait(false);
            return new GateResult(key.Address.ToString(), config.Role, stake + missing, minimum, eth, atn - missing, receipt.TransactionHash.ToString());
        }
    }

    /// <summary>The role's current stake, its minimum (read from the contract) and the rule's name.</summary>
    public static async Task<(BigInteger Stake, BigInteger Minimum, string Rule)> StakeOfAsync(AutonetSystem system, string role, SigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(key);
        if (role == "provider")
        {
            return (await system.Shards.ProviderStakeAsync(key.Address, cancellationToken).ConfigureAwait(false),
                await system.Shards.MinimumProviderStakeAsync(cancellationToken).ConfigureAwait(false), "ModelShardRegistry.minimumProviderStake");
        }
        var stakingRole = StakingRoleOf(role);
        var current = await system.Staking.StakeOfAsync(key.Address, stakingRole, cancellationToken).ConfigureAwait(false);
        var minimum = await system.Staking.MinimumStakeAsync(stakingRole, cancellationToken).ConfigureAwait(false);
        return (current, minimum, $"ParticipantStaking.minimumStake({stakingRole})");
    }

    /// <summary>Approves and stakes <paramref name="amount"/> ATN for the role (provider: ModelShardRegistry.stakeProvider).</summary>
    public static async Task<Chain.Rpc.TransactionReceipt> StakeAsync(AutonetSystem system, string role, SigningKey key, BigInteger amount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (role == "provider")
        {
            await system.Token.ApproveAsync(key, system.Shards.Address, amount, cancellationToken).ConfigureAwait(false);
            return await system.Shards.StakeProviderAsync(key, amount, cancellationToken).ConfigureAwait(false);
        }
        await system.Token.ApproveAsync(key, system.Staking.Address, amount, cancellationToken).ConfigureAwait(false);
        return await system.Staking.StakeAsync(key, StakingRoleOf(role), amount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>proposer, solver, coordinator, aggregator → ParticipantStaking's role.</summary>
    /// <exception cref="ArgumentException">not one of the four</exception>
    public static StakingRole StakingRoleOf(string role) => role switch
    {
        "proposer" => StakingRole.Proposer,
        "solver" => StakingRole.Solver,
        "coordinator" => StakingRole.Coordinator,
        "aggregator" => StakingRole.Aggregator,
        _ => throw new ArgumentException($"role '{role}' has no ParticipantStaking stake: must be proposer, solver, coordinator or aggregator", nameof(role)),
    };
}
