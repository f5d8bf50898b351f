using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node.Config;
using Autonet.Node.Hosting;
using Autonet.Protocol;
using Autonet.Protocol.Aggregation;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet project create|fund|allow|show`: a project as its owner makes it on a chain anyone can join (a fresh
/// `chain up` has none, and every node serves `node.project_id`, 1 by default): its aggregation rule, stated once on
/// chain (Project.aggregationOf), its ATN budget, and the proposers and aggregators its owner approves.
/// </summary>
internal static class ProjectCommand
{
    public static Command Create()
    {
        var command = new Command("project", "Create, fund and show projects; approve their proposers and aggregators (with this node's key)");
        command.Subcommands.Add(CreateProject());
        command.Subcommands.Add(Fund());
        command.Subcommands.Add(Allow());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command CreateProject()
    {
        var metadata = new Option<string>("--metadata") { Description = "The project's metadata (a CID of its description, or a line of text)", DefaultValueFactory = _ => "autonet project" };
        var aggregation = new Option<string>("--aggregation")
        {
            Description = $"The aggregation rule every aggregator and challenger of the project uses, fixed for its life: key=value pairs ({AggregationSpec.Keys}), e.g. \"rule=trimmed-mean trim_per_side=1\" [default: FedAvg]",
            DefaultValueFactory = _ => "",
        };
        aggregation.Validators.Add(r =>
        {
            if (Spec(r.GetValueOrDefault<string>()) is { Error: { } error })
            {
                r.AddError(error);
            }
        });
        var fund = WalletCommands.AmountOption("--fund", "ATN to move from this node into the new project's budget (approves, then funds) [default: none]");
        var command = new Command("create", "Create a project owned by this node's key, with its aggregation rule; prints its id") { metadata, aggregation, fund, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var spec = Spec(result.GetValue(aggregation)!).Canonical!;
            var budget = result.GetValue(fund) is { } text ? WalletCommands.Amount(text, "--fund") : BigInteger.Zero;
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                await WalletCommands.RequireAtnAsync(system, key.Address, budget, $"--fund {Atn.Format(budget)}", "fund", cancellationToken).ConfigureAwait(false);
                var id = await system.Project.CreateProjectAsync(key, result.GetValue(metadata)!, spec, cancellationToken).ConfigureAwait(false);
                if (!budget.IsZero)
                {
                    await FundAsync(system, key, id, budget, cancellationToken).ConfigureAwait(false);
                }

                var print = Printer.For(result);
                var rule = spec.Length == 0 ? "FedAvg" : spec;
                print.Object(new { projectId = id.ToString(CultureInfo.InvariantCulture), owner = key.Address, aggregation = spec, budgetAtn = Atn.Format(budget) });
                print.Text($"project {id} created by {key.Address}: aggregation {rule}, budget {Atn.Format(budget)} ATN (nodes serve it with node.project_id = {id})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Fund()
    {
        var id = IdOption("The project to fund");
        var atn = WalletCommands.AmountOption("--atn", "ATN to move from this node into the budget (decimals allowed)");
        atn.Required = true;
        var command = new Command("fund", "Move ATN from this node's key into a project's budget (anyone may fund any project)") { id, atn, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var wei = WalletCommands.Amount(result.GetValue(atn)!, "--atn");
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var projectId = ProjectId(result, id);
                await WalletCommands.RequireAtnAsync(system, key.Address, wei, $"--atn {Atn.Format(wei)}", "fund", cancellationToken).ConfigureAwait(false);
                await FundAsync(system, key, projectId, wei, cancellationToken).ConfigureAwait(false);
                var budget = await system.Project.BudgetOfAsync(projectId, cancellationToken).ConfigureAwait(false);
                var print = Printer.For(result);
                print.Object(new { projectId = projectId.ToString(CultureInfo.InvariantCulture), fundedAtn = Atn.Format(wei), budgetAtn = Atn.Format(budget) });
                print.Text($"project {projectId}: funded {Atn.Format(wei)} ATN; budget now {Atn.Format(budget)} ATN");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Allow()
    {
        var id = IdOption("The project");
        var proposer = new Option<string[]>("--proposer") { Description = "An address that may propose the project's tasks, paid from its budget (repeatable)", AllowMultipleArgumentsPerToken = true };
        var aggregator = new Option<string[]>("--aggregator") { Description = "An address that may publish the project's models (needs an aggregator stake; takes tasks in turn in approval order; repeatable)", AllowMultipleArgumentsPerToken = true };
        var remove = new Option<bool>("--remove") { Description = "Withdraw the approval instead" };
        var command = new Command("allow", "As the project's owner, approve (or with --remove withdraw) proposers and aggregators") { id, proposer, aggregator, remove, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var proposers = Addresses(result.GetValue(proposer), "--proposer");
            var aggregators = Addresses(result.GetValue(aggregator), "--aggregator");
            if (proposers.Count + aggregators.Count == 0)
            {
                throw new UsageException("project allow: give --proposer and/or --aggregator (0x-prefixed addresses)");
            }

            var allowed = !result.GetValue(remove);
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var projectId = ProjectId(result, id);
                var (owner, _, _, _) = await system.Project.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
                if (owner != key.Address)
                {
                    throw new ChainException($"project allow --id {projectId}: the project is owned by {owner}, not this node's {key.Address}; rule: only the owner approves proposers and aggregators");
                }

                var hashes = new List<string>();
                foreach (var account in proposers)
                {
                    hashes.Add((await system.Project.SetProposerAsync(key, projectId, account, allowed, cancellationToken).ConfigureAwait(false)).TransactionHash.ToString());
                }

                foreach (var account in aggregators)
                {
                    hashes.Add((await system.Project.SetAggregatorAsync(key, projectId, account, allowed, cancellationToken).ConfigureAwait(false)).TransactionHash.ToString());
                }

                var verb = allowed ? "approved" : "removed";
                var print = Printer.For(result);
                print.Object(new { projectId = projectId.ToString(CultureInfo.InvariantCulture), allowed, proposers, aggregators, txs = hashes });
                print.Text($"project {projectId}: {verb} {proposers.Count} proposer(s) and {aggregators.Count} aggregator(s) (tx {string.Join(", ", hashes)})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = IdOption("The project to show");
        var command = new Command("show", "Show a project: owner, metadata, budget, aggregation rule, storage code, members and latest model (no key needed)") { id, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result);
            var (client, system) = await ChainCommands.AttachAsync(home, UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                var config = AutonetConfig.Load(home);
                var projectId = result.GetValue(id) ?? config.ProjectId;
                var project = system.Project;
                var (owner, metadata, budget, round) = await project.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
                var spec = await project.AggregationOfAsync(projectId, cancellationToken).ConfigureAwait(false);
                var (k, m) = await project.StorageCodeOfAsync(projectId, cancellationToken).ConfigureAwait(false);
                var solvers = await project.MembersOfAsync(projectId, StakingRole.Solver, cancellationToken).ConfigureAwait(false);
                var coordinators = await project.MembersOfAsync(projectId, StakingRole.Coordinator, cancellationToken).ConfigureAwait(false);
                var self = NodeKeys.AddressOf(home, config) is { } address
                    ? new { address, proposer = await project.IsProposerAsync(projectId, address, cancellationToken).ConfigureAwait(false), aggregator = await project.IsAggregatorAsync(projectId, address, cancellationToken).ConfigureAwait(false) }
                    : null;
                (string Cid, Hash32 MerkleRoot, BigInteger Round, bool Finalized)? latest = round.IsZero ? null : await project.LatestModelWithFinalityAsync(projectId, cancellationToken).ConfigureAwait(false);
                var model = latest is (var cid, _, var r, var final) ? new { cid, round = r.ToString(CultureInfo.InvariantCulture), final } : null;
                var print = Printer.For(result);
                print.Object(new
                {
                    projectId = projectId.ToString(CultureInfo.InvariantCulture),
                    owner,
                    metadata,
                    budgetAtn = Atn.Format(budget),
                    aggregation = spec,
                    storage = new { dataShards = k, parityShards = m },
                    solverMembers = solvers,
                    coordinatorMembers = coordinators,
                    latestModel = model,
                    thisNode = self,
                });
                print.Table(["project", "owner", "budget (ATN)", "aggregation", "storage", "members (solvers / coordinators)", "latest model"],
                    [[projectId.ToString(CultureInfo.InvariantCulture), owner.ToString(), Atn.Format(budget), spec.Length == 0 ? "FedAvg" : spec, $"{k} + {m}",
                        $"{solvers.Count} / {coordinators.Count}", model is null ? "none" : $"round {model.round} {model.cid}{(model.final ? "" : " (in its challenge window)")}"]]);
                if (self is not null)
                {
                    print.Text($"this node ({self.address}): {(self.proposer ? "may" : "may not")} propose, {(self.aggregator ? "is" : "is not")} an approved aggregator");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The canonical text of an --aggregation value ("" stays "": FedAvg), or the parse error naming the value and the rule.
    private static (string? Canonical, string? Error) Spec(string text)
    {
        if (text.Length == 0)
        {
            return ("", null);
        }

        try
        {
            return (AggregationSpec.Format(AggregationSpec.Parse(text)), null);
        }
        catch (Exception e) when (e is FormatException or ProtocolException)
        {
            return (null, $"--aggregation: {e.Message}");
        }
    }

    private static Option<ulong?> IdOption(string description)
    {
        var id = new Option<ulong?>("--id") { Description = $"{description} [default: node.project_id of config.yaml]" };
        id.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<ulong?>() is 0)
            {
                r.AddError("--id 0: project ids start at 1");
            }
        });
        return id;
    }

    private static BigInteger ProjectId(ParseResult result, Option<ulong?> id) =>
        result.GetValue(id) ?? AutonetConfig.Load(GlobalOptions.ResolveHome(result)).ProjectId;

    private static List<Address> Addresses(string[]? texts, string option) =>
        [.. (texts ?? []).Select(t => WalletCommands.ParseAddress(t, option))];

    private static async Task FundAsync(AutonetSystem system, Chain.Crypto.SigningKey key, BigInteger projectId, BigInteger wei, CancellationToken cancellationToken)
    {
        await system.Token.ApproveAsync(key, system.Project.Address, wei, cancellationToken).ConfigureAwait(false);
        await system.Project.FundAsync(key, projectId, wei, cancellationToken).ConfigureAwait(false);
    }
}
