using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>`autonet stake|unstake|balance|transfer|faucet`: this node's ETH, ATN and stakes, with its key.</summary>
internal static class WalletCommands
{
    public static Command Stake()
    {
        var role = ChoiceOption.Create<StakingRole>("--role", "The role to stake for", null);
        var amount = AmountOption("--amount", "ATN to stake (decimals allowed) [default: what the role's minimum still needs]");
        var command = new Command("stake", "Stake ATN for a role with this node's key (approves, then stakes)") { role, amount, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stakingRole = ChoiceOption.Get<StakingRole>(result, role);
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                BigInteger wei;
                if (result.GetValue(amount) is { } text)
                {
                    wei = Amount(text, "--amount");
                }
                else
                {
                    var have = await system.Staking.StakeOfAsync(key.Address, stakingRole, cancellationToken).ConfigureAwait(false);
                    var minimum = await system.Staking.MinimumStakeAsync(stakingRole, cancellationToken).ConfigureAwait(false);
                    wei = have >= minimum ? minimum : minimum - have;
                }
                var receipt = await NodeGate.StakeAsync(system, Devnet.KebabNames.Of(stakingRole), key, wei, cancellationToken).ConfigureAwait(false);
                Print(result, key.Address, Devnet.KebabNames.Of(stakingRole), wei, receipt.TransactionHash, "staked");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Unstake()
    {
        var role = ChoiceOption.Create<StakingRole>("--role", "The role to withdraw stake from", null);
        var amount = AmountOption("--amount", "ATN to withdraw [default: the whole stake]");
        var command = new Command("unstake", "Withdraw stake once its lock has passed (what remains must be 0 or the role's minimum)") { role, amount, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stakingRole = ChoiceOption.Get<StakingRole>(result, role);
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var staked = await system.Staking.StakeOfAsync(key.Address, stakingRole, cancellationToken).ConfigureAwait(false);
                var wei = result.GetValue(amount) is { } text ? Amount(text, "--amount") : staked;
                if (wei.IsZero)
                {
                    throw new UsageException($"unstake: {key.Address} has no {Devnet.KebabNames.Of(stakingRole)} stake to withdraw");
                }
                // The contract decides (lock, holds, minimum); its revert names the rule, e.g. StakeLocked(account, role, unlockAt, now).
                var receipt = await system.Staking.UnstakeAsync(key, stakingRole, wei, cancellationToken).ConfigureAwait(false);
                Print(result, key.Address, Devnet.KebabNames.Of(stakingRole), wei, receipt.TransactionHash, "unstaked");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Balance()
    {
        var command = new Command("balance", "Show this node's ETH, ATN and stakes") { ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var stakes = new Dictionary<string, string>();
                foreach (var r in Enum.GetValues<StakingRole>())
                {
                    var s = await system.Staking.StakeOfAsync(key.Address, r, cancellationToken).ConfigureAwait(false);
                    if (!s.IsZero)
                    {
                        stakes[Devnet.KebabNames.Of(r)] = Atn.Format(s);
                    }
                }
                var provider = await system.Shards.ProviderStakeAsync(key.Address, cancellationToken).ConfigureAwait(false);
                if (!provider.IsZero)
                {
                    stakes["provider"] = Atn.Format(provider);
                }
                var eth = await client.GetBalanceAsync(key.Address, cancellationToken).ConfigureAwait(false);
                var atn = await system.Token.BalanceOfAsync(key.Address, cancellationToken).ConfigureAwait(false);
                print.Object(new { address = key.Address, eth = Atn.Format(eth), atn = Atn.Format(atn), stakesAtn = stakes });
                var stakeText = stakes.Count == 0 ? "none" : string.Join(", ", stakes.Select(kv => $"{kv.Key} {kv.Value}"));
                print.Table(["account", "ETH", "ATN", "stakes (ATN)"], [[key.Address.ToString(), Atn.Format(eth), Atn.Format(atn), stakeText]]);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Transfer()
    {
        var to = new Option<string>("--to") { Description = "The receiving address (0x…)", Required = true };
        var atn = AmountOption("--atn", "ATN to send (decimals allowed)");
        var eth = AmountOption("--eth", "ETH to send (decimals allowed)");
        var command = new Command("transfer", "Send ATN and/or ETH from this node's key") { to, atn, eth, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var receiver = ParseAddress(result.GetValue(to)!, "--to");
            var atnWei = result.GetValue(atn) is { } a ? Amount(a, "--atn") : BigInteger.Zero;
            var ethWei = result.GetValue(eth) is { } e ? Amount(e, "--eth") : BigInteger.Zero;
            if (atnWei.IsZero && ethWei.IsZero)
            {
                throw new UsageException("transfer: give --atn and/or --eth, above 0");
            }
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                await RequireAtnAsync(system, key.Address, atnWei, $"transfer --atn {result.GetValue(atn)}", "send", cancellationToken).ConfigureAwait(false);
                var hashes = new List<string>();
                if (!ethWei.IsZero)
                {
                    hashes.Add((await client.SendAsync(key, receiver, [], ethWei, cancellationToken).ConfigureAwait(false)).TransactionHash.ToString());
                }
                if (!atnWei.IsZero)
                {
                    hashes.Add((await system.Token.TransferAsync(key, receiver, atnWei, cancellationToken).ConfigureAwait(false)).TransactionHash.ToString());
                }
                Sent(result, key.Address, receiver, ethWei, atnWei, hashes);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Faucet()
    {
        var to = new Option<string?>("--to") { Description = "The receiving address [default: this node's]" };
        var atn = new Option<string>("--atn") { Description = "ATN to send", DefaultValueFactory = _ => "1000" };
        var eth = new Option<string>("--eth") { Description = "ETH to send", DefaultValueFactory = _ => "10" };
        var command = new Command("faucet", "On a dev chain (anvil) only: send ETH and ATN from the deployer's well-known dev account") { to, atn, eth, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result);
            var config = Node.Config.AutonetConfig.Load(home);
            var receiver = result.GetValue(to) is { } text ? ParseAddress(text, "--to")
                : NodeKeys.AddressOf(home, config) ?? throw new UsageException($"faucet: no --to and no key in {home.Path}; run `autonet key new` first or give --to");
            var (atnWei, ethWei) = (Amount(result.GetValue(atn)!, "--atn"), Amount(result.GetValue(eth)!, "--eth"));
            var (client, system) = await ChainCommands.AttachAsync(home, UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                var hashes = await DevFaucet.FundAsync(system, receiver, ethWei, atnWei, cancellationToken).ConfigureAwait(false);
                Sent(result, null, receiver, ethWei, atnWei, [.. hashes.Select(h => h.ToString())]);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    // Checked while parsing, so a bad amount is a usage error before any key is unlocked or chain reached.
    internal static Option<string?> AmountOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text)
            {
                try
                {
                    if (Atn.Parse(text).IsZero)
                    {
                        r.AddError($"{name} {text}: must be above 0");
                    }
                }
                catch (FormatException)
                {
                    r.AddError($"{name} {text}: must be a decimal number above 0 with at most 18 decimals (e.g. 50 or 0.5)");
                }
            }
        });
        return option;
    }

    internal static BigInteger Amount(string text, string option)
    {
        try
        {
            return Atn.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option} {e.Message}");
        }
    }

    /// <summary>An address given as <paramref name="option"/>, or a usage error naming the option, the text and the rule.</summary>
    internal static Address ParseAddress(string text, string option) =>
        Address.TryParse(text, out var address) ? address : throw new UsageException($"{option} '{text}' is invalid: must be a 0x-prefixed 20-byte hex address");

    /// <summary>Refuses, before any transaction, to <paramref name="verb"/> more ATN than <paramref name="account"/> holds; <paramref name="what"/> names the option and amount.</summary>
    internal static async Task RequireAtnAsync(AutonetSystem system, Address account, BigInteger wei, string what, string verb, CancellationToken cancellationToken)
    {
        var held = await system.Token.BalanceOfAsync(account, cancellationToken).ConfigureAwait(false);
        if (held < wei)
        {
            throw new Chain.ChainException($"{what}: {account} holds {Atn.Format(held)} ATN; rule: cannot {verb} more than the balance");
        }
    }

    private static void Print(ParseResult result, Address account, string role, BigInteger wei, Hash32 tx, string verb)
    {
        var print = Printer.For(result);
        print.Object(new { address = account, role, atn = Atn.Format(wei), wei = wei.ToString(CultureInfo.InvariantCulture), tx });
        print.Text($"{account} {verb} {Atn.Format(wei)} ATN as {role} (tx {tx})");
    }

    private static void Sent(ParseResult result, Address? from, Address to, BigInteger eth, BigInteger atn, IReadOnlyList<string> hashes)
    {
        var print = Printer.For(result);
        print.Object(new { from = from?.ToString(), to, eth = Atn.Format(eth), atn = Atn.Format(atn), txs = hashes });
        print.Text($"sent {Atn.Format(eth)} ETH and {Atn.Format(atn)} ATN to {to} (tx {string.Join(", ", hashes)})");
    }
}
