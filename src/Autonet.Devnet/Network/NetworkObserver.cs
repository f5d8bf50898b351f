// The observer of `network run --daemons`: it holds no key by construction (its own RPC client, contracts attached
// for reading, TaskReader, addresses of the nodes; nothing here can sign), so it cannot drive anything. It waits for
// the genesis the aggregator daemon publishes, polls the chain, follows each of the proposer daemon's tasks through its phases (read from the task's deadlines against the
// latest block's time) for the live table, and once a task is through (its model final, or nothing to publish, or
// cancelled) writes the round's report from the chain: commits, reveals, votes, consensus, forced-error verdicts (the
// registry's events), the published and final model, challenges, rewards owed (ResultsRewards.rewardOf), stakes; the
// keeper duties and deaths come from what the daemons said (their transaction events and the supervisor); the nodes'
// reverted transactions from the chain (RevertCount). Models are read as any node reads them: sharded on chain, from
// any k of their providers' shards (ChainBlobStore), and each one's placement (ModelShardRegistry: shards per provider,
// announced holders) goes into the report. Before the report is taken, every node transaction on chain must be among
// those the daemons reported (ReportedTransactions).
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Devnet.Processes;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>Watches a network of node daemons from the chain alone and writes its rounds into the report.</summary>
internal sealed class NetworkObserver(
    ChainClient client, AutonetSystem contracts, BigInteger projectId, IReadOnlyList<ObservedNode> nodes, IBlobStore blobs, RunData data, NodeDaemons daemons,
    Func<IReadOnlyList<TxRecord>> transactions, int rounds) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly string[] KeeperActions = ["openCommits", "cancelTask", "closeReveals", "drawCommittee", "finalize", "settleVote", "settleModel"];
    private readonly TaskReader _reader = new(contracts, blobs);
    private readonly Dictionary<Address, string> _names = nodes.ToDictionary(n => n.Address, n => n.Name);

    /// <summary>The longest a round may go without changing phase before the run gives up on it.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The run's storage providers' names by account (for the placements in the report).</summary>
    public IReadOnlyDictionary<Address, string> Providers { get; init; } = new Dictionary<Address, string>();

    /// <summary>How long the run waits, after the last round, for the daemons' lines of transactions already on chain.</summary>
    public TimeSpan ReportGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after finalization a round waits for its model before it counts as through without one.</summary>
    public TimeSpan PublishGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An observer of <paramref name="net"/>'s chain with a client of its own and the nodes' addresses only.</summary>
    public static async Task<NetworkObserver> AttachAsync(NetworkSetup net, RunData data, NodeDaemons daemons, Func<IReadOnlyList<TxRecord>> transactions, int rounds, CancellationToken ct)
    {
        var client = await ChainClient.ConnectAsync(net.Rpc, net.Contracts.Deployment.ChainId, ct).ConfigureAwait(false);
        var contracts = await AutonetSystem.AttachAsync(client, net.Contracts.Deployment, CompiledContract.FindOutDirectory(), ct).ConfigureAwait(false);
        var nodes = net.Nodes.Select(n => new ObservedNode(n.Name, n.Role, n.Address, n.Staking)).ToList();
        var gateway = new BlobStoreAdapter(new Autonet.Storage.Blobs.HttpBlobStore(net.Http, net.Gateway.Address));
        var blobs = new Autonet.Node.Storage.ChainBlobStore(gateway, new Autonet.Node.Storage.ModelLocator(contracts, net.Http));
        var providers = net.Providers.ToDictionary(p => p.Account, p => p.Name);
        return new NetworkObserver(client, contracts, net.ProjectId, nodes, blobs, data, daemons, transactions, rounds) { Providers = providers };
    }

    /// <summary>Waits for the project's genesis model (its aggregator daemon publishes it, once staked) and returns it with its bytes.</summary>
    /// <exception cref="TimeoutException">none within <see cref="Stall"/> (the message says where to look)</exception>
    public async Task<(ContentId Model, byte[] Bytes)> AwaitGenesisAsync(CancellationToken ct)
    {
        var waited = DateTimeOffset.UtcNow;
        PublishedModel? genesis;
        while ((genesis = await contracts.Project.ModelOfTaskAsync(projectId, 0, ct).ConfigureAwait(false)) is null)
        {
            if (DateTimeOffset.UtcNow - waited > Stall)
            {
                throw new TimeoutException($"project {projectId}: no genesis model within {Stall.TotalMinutes:F0} min; the aggregator daemon publishes it once staked (see node.log in its home)");
            }
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
        var model = ContentId.Parse(genesis.Cid);
        var bytes = await blobs.GetAsync(model, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"genesis model {model} is on chain but not in the blob store");
        return (model, bytes);
    }

    /// <summary>Follows every round to its end (or its stall), adding each to <paramref name="report"/> and its metric to <paramref name="metrics"/>.</summary>
    public async Task ObserveAsync(RunReport report, List<double> metrics, Action<RunStatus>? progress, CancellationToken ct)
    {
        var fromBlock = await client.GetBlockNumberAsync(ct).ConfigureAwait(false);
        report.GenesisPlacement = await PlacementReport.ReadAsync(contracts, report.GenesisModel, Providers, ct).ConfigureAwait(false);
        for (var round = 1; round <= rounds; round++)
        {
            var started = DateTimeOffset.UtcNow;
            var rr = await FollowAsync(round, metrics, progress, ct).ConfigureAwait(false);
            if (rr is null)
            {
                report.Rounds.Add(new RoundReport { Round = round, BaseModel = report.Rounds.LastOrDefault()?.Model ?? report.GenesisModel, Errors = { $"round {round}: no task posted within {Stall.TotalMinutes:F0} min" } });
                break;
            }
            await RecordAsync(rr, fromBlock, ct).ConfigureAwait(false);
            rr.Seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
            if (rr.Metric is { } metric)
            {
                metrics.Add(metric);
            }
            report.Rounds.Add(rr);
            progress?.Invoke(new RunStatus(round, rounds, RoundPhase.Done, rr.Commits, rr.Reveals, rr.Votes, Sum(rr), [.. metrics], rr.ForcedError) { Seconds = rr.Seconds });
            if (rr.Errors.Any(e => e.Contains("stalled", StringComparison.Ordinal)))
            {
                break;
            }
        }
        await AwaitClaimsAsync(report, ct).ConfigureAwait(false);
        foreach (var (action, count) in await RevertCount.OfAsync(contracts, _names.Keys.ToHashSet(), fromBlock, ct).ConfigureAwait(false))
        {
            report.Reverted[action] = count;
        }
        await AwaitReportedAsync(report, fromBlock, ct).ConfigureAwait(false);
    }

    // The daemons' lines of the last transactions (the last settleModel, the claims) may still be on their way.
    private async Task AwaitReportedAsync(RunReport report, ulong fromBlock, CancellationToken ct)
    {
        var roundContracts = new[] { contracts.Tasks.Address, contracts.Rewards.Address, contracts.Challenges.Address, contracts.ForcedErrors.Address, contracts.Project.Address };
        var ledger = new ReportedTransactions(client, roundContracts, nodes.Select(n => n.Address).ToHashSet(), transactions);
        foreach (var missing in await ledger.AwaitAsync(fromBlock, ReportGrace, Poll, ct).ConfigureAwait(false))
        {
            report.Rounds[^1].Errors.Add($"transaction {missing.Hash} of {Name(missing.From)} (block {missing.Block}) is on chain, but its daemon never reported it within {ReportGrace.TotalSeconds:F0} s");
        }
    }

    // The round-th task of the project, followed phase by phase until it is through; null when none was posted in time.
    private async Task<RoundReport?> FollowAsync(int round, List<double> metrics, Action<RunStatus>? progress, CancellationToken ct)
    {
        var changed = DateTimeOffset.UtcNow;
        var began = changed;
        progress?.Invoke(new RunStatus(round, rounds, RoundPhase.Propose, 0, 0, 0, "0", [.. metrics], ""));
        ulong taskId;
        while (true)
        {
            var tasks = await _reader.ListTasksAsync((ulong)projectId, ct).ConfigureAwait(false);
            if (tasks.Count >= round)
            {
                taskId = tasks[round - 1].TaskId;
                break;
            }
            if (DateTimeOffset.UtcNow - changed > Stall)
            {
                return null;
            }
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
        var view = (await _reader.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!; // listed, so it exists
        var rr = new RoundReport { Round = round, BaseModel = view.BaseModel.ToString(), TaskId = taskId };
        var phase = RoundPhase.Propose;
        DateTimeOffset? finalizedAt = null;
        while (phase != RoundPhase.Done)
        {
            view = (await _reader.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!;
            var now = DateTimeOffset.FromUnixTimeSeconds((long)await client.GetLatestTimestampAsync(ct).ConfigureAwait(false));
            var window = await WindowAsync(taskId, ct).ConfigureAwait(false);
            finalizedAt ??= view.Finalized ? DateTimeOffset.UtcNow : null;
            var next = PhaseOf(view, now, window, finalizedAt is { } f && DateTimeOffset.UtcNow - f > PublishGrace);
            if (view.PublishedModel is { } published && rr.PublishedModel is null)
            {
                var onChain = (await contracts.Project.ModelOfTaskAsync(projectId, taskId, ct).ConfigureAwait(false))!;
                (rr.PublishedModel, rr.OnChainModel, rr.OnChainMerkleRoot) = (published.ToString(), onChain.Cid, onChain.MerkleRoot.ToString());
            }
            (rr.Commits, rr.Reveals) = (view.Solutions.Count, view.Solutions.Count(s => s.Revealed));
            rr.Votes = view.Voters.Count * rr.Reveals; // one score per revealed solution in each vote
            if (next != phase)
            {
                rr.PhaseSeconds[KebabNames.Of(phase)] = (DateTimeOffset.UtcNow - changed).TotalSeconds;
                (phase, changed) = (next, DateTimeOffset.UtcNow);
                progress?.Invoke(new RunStatus(round, rounds, phase, rr.Commits, rr.Reveals, rr.Votes, "0", [.. metrics], "") { Seconds = (changed - began).TotalSeconds });
            }
            else if (DateTimeOffset.UtcNow - changed > Stall)
            {
                rr.Errors.Add($"task {taskId}: stalled in {KebabNames.Of(phase)} for {Stall.TotalMinutes:F0} min");
                break;
            }
            if (phase != RoundPhase.Done)
            {
                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
        return rr;
    }

    // Where the task stands by the chain's clock; Done once it is through (as the proposer's schedule decides).
    private static RoundPhase PhaseOf(TaskView t, DateTimeOffset now, ChallengeWindow? window, bool graceOver) =>
        t.Cancelled ? RoundPhase.Done
        : t.CommitDeadline == DateTimeOffset.UnixEpoch ? RoundPhase.Propose
        : t.GroundTruth is null ? (now <= t.CommitDeadline ? RoundPhase.TrainCommit : RoundPhase.Reveal)
        : t.VerifyDeadline == DateTimeOffset.UnixEpoch ? RoundPhase.Reveal
        : !t.Finalized ? (now <= t.VerifyDeadline ? RoundPhase.VerifyVote : RoundPhase.Finalize)
        : t.Voided || t.Accepted.Count == 0 ? RoundPhase.Done
        : window is null ? (graceOver ? RoundPhase.Done : RoundPhase.AggregatePublish)
        : window.Settled ? RoundPhase.Done : RoundPhase.ChallengeWindow;

    private async Task<ChallengeWindow?> WindowAsync(ulong taskId, CancellationToken ct)
    {
        var round = await contracts.Project.RoundOfTaskAsync(projectId, taskId, ct).ConfigureAwait(false);
        return round.IsZero ? null : await contracts.Challenges.WindowOfAsync(projectId, round, ct).ConfigureAwait(false);
    }

    private async Task RecordAsync(RoundReport rr, ulong fromBlock, CancellationToken ct)
    {
        var taskId = rr.TaskId;
        var view = (await _reader.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!;
        rr.ValidationSet = view.GroundTruth?.ToString();
        foreach (var s in view.Solutions.Where(s => s.Delta is not null))
        {
            rr.Deltas[s.Solver.ToString()] = s.Delta!.Value.ToString();
        }
        foreach (var n in nodes.Where(n => n.Role == NodeRole.Solver))
        {
            rr.Solvers[n.Name] = n.Address.ToString();
        }
        foreach (var a in view.Accepted)
        {
            rr.Consensus[a.Solver.ToString()] = a.Score;
        }
        if (view.Cancelled)
        {
            rr.Errors.Add($"task {taskId}: cancelled by a keeper (the proposer never opened or never revealed its validation set in time)");
        }
        if (view.Voided)
        {
            rr.Errors.Add($"task {taskId}: a stake majority of the coordinators rejected the validation set; the task is void and its proposer slashed");
        }
        await RecordForcedErrorAsync(rr, fromBlock, ct).ConfigureAwait(false);
        if (await WindowAsync(taskId, ct).ConfigureAwait(false) is { } window)
        {
            rr.ModelReplaced = window.Replaced;
            rr.Challenges.AddRange(window.Challenges.Select(c => new ChallengeReport(
                c.Challenger.ToString(), Name(c.Challenger), c.Cid, KebabNames.Of(c.Outcome), Atn.Format(c.UpheldStake), Atn.Format(c.RejectedStake))));
            rr.Model = (await contracts.Project.ModelOfTaskAsync(projectId, taskId, ct).ConfigureAwait(false))?.Cid; // final, maybe replaced
        }
        else if (view.Finalized && view.Accepted.Count > 0)
        {
            rr.Errors.Add($"task {taskId}: no model published within {PublishGrace.TotalSeconds:F0} s of finalization");
        }
        if (rr.Model is { } cid)
        {
            rr.MerkleRoot = await RoundRewards.RecomputeRootAsync(blobs, cid, ct).ConfigureAwait(false);
            var bytes = await blobs.GetAsync(ContentId.Parse(cid), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"published model {cid} is not in the blob store");
            rr.Metric = data.Measure(bytes);
            rr.Placement = await PlacementReport.ReadAsync(contracts, cid, Providers, ct).ConfigureAwait(false);
        }
        rr.Timeline.AddRange(await RoundTimeline.ReadAsync(client, view, transactions(), ct).ConfigureAwait(false));
        await RoundRewards.RecordAsync(contracts, rr, taskId, nodes, n => contracts.Rewards.RewardOfAsync(taskId, n.Address, ct), ct).ConfigureAwait(false);
        foreach (var t in transactions().Where(t => t.TaskId == taskId && KeeperActions.Contains(t.Action) && !(t.Action == "openCommits" && t.From == view.Proposer)))
        {
            rr.Keeper.Add($"{t.Action} ({Name(t.From)})");
        }
        rr.Errors.AddRange(daemons.Deaths().Where(d => d.TaskId == taskId).Select(d => $"{d.Node} task {taskId}: error: {d.Message}"));
        rr.Errors.AddRange(daemons.Outcomes(taskId).Where(o => o.Outcome.Error is not null && o.Outcome.Attempt >= NodeLoop.LastingFailure).Select(o => $"{o.Node} {o.Outcome}"));
    }

    private async Task RecordForcedErrorAsync(RoundReport rr, ulong fromBlock, CancellationToken ct)
    {
        var registry = contracts.ForcedErrors.Raw;
        bool Ours(Autonet.Chain.Abi.DecodedEvent e) => (BigInteger)e["taskId"] == rr.TaskId;
        static uint Bp(object score) => (uint)(BigInteger)score;
        rr.ForcedErrors.AddRange((await registry.QueryEventsAsync("ForcedErrorCaught", ct, fromBlock).ConfigureAwait(false)).Where(Ours)
            .Select(e => new ForcedErrorReport(Name((Address)e["coordinator"]), true, Bp(e["score"]), null)));
        rr.ForcedErrors.AddRange((await registry.QueryEventsAsync("ForcedErrorMissed", ct, fromBlock).ConfigureAwait(false)).Where(Ours)
            .Select(e => new ForcedErrorReport(Name((Address)e["coordinator"]), false, Bp(e["score"]), Atn.Format((BigInteger)e["penalty"]))));
        rr.PlantAbandoned = (await registry.QueryEventsAsync("ForcedErrorAbandoned", ct, fromBlock).ConfigureAwait(false)).Where(Ours)
            .Select(e => Name((Address)e["solver"])).FirstOrDefault();
    }

    // The nodes claim by themselves once a task settles; the run ends when nothing owed is left unclaimed (or after a minute).
    private async Task AwaitClaimsAsync(RunReport report, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTimeOffset.UtcNow < until)
        {
            var left = false;
            foreach (var rr in report.Rounds.Where(r => r.TaskId != 0))
            {
                foreach (var n in nodes)
                {
                    left |= !(await contracts.Rewards.UnclaimedOfAsync(rr.TaskId, n.Address, ct).ConfigureAwait(false)).IsZero;
                }
            }
            if (!left)
            {
                return;
            }
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
        report.Rounds[^1].Errors.Add("some rewards were still unclaimed a minute after the last round");
    }

    private string Name(Address address) => _names.TryGetValue(address, out var name) ? name : address.ToString();

    private static string Sum(RoundReport r) =>
        r.RewardsAtn.Values.Sum(v => decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => client.Dispose();
}
