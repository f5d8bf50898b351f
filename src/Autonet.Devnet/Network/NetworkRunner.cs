// `autonet network run`: one process, every node in it, a real chain. Each round walks ARCHITECTURE.md's training
// round in lockstep: propose -> solvers train and commit -> (chain time past the commit deadline) -> ground truth
// revealed -> solvers reveal -> (past the reveal deadline) closeReveals -> coordinators verify and commit hidden votes ->
// (past the verify deadline) committee drawn, votes revealed -> (past the vote-reveal deadline) finalize -> aggregator
// combines and publishes -> coordinators rebuild it and challenge a wrong one -> (past the challenge window) settled ->
// claims -> the new global model's metric (probe accuracy, or held-out cosine for text).
// In lockstep, on a dev chain the runner advances chain time (evm_increaseTime) once every node has done what the
// phase needs, instead of sleeping through hour-long windows. Nodes step in this process, or each step in a node
// process of its own (--processes); the runner itself proposes (each task with a fresh validation sample), plants
// forced errors, does the keeper's duties (KeeperRole, with the aggregator's key: open a task its proposer left
// unopened, cancel one whose ground truth never came, close reveals, finalize; after it, VoteSettlement settles the votes never counted) and claims with the nodes' keys.
// With --daemons the runner is only a launcher and an observer (its commit window at least what this machine's
// measured training pace needs, CommitWindowSizer): after the set-up (deploy; each node's home made by
// `node init`, funded, approved by the project's owner) the chain mines a block a second, every daemon stakes itself,
// the aggregator publishes the genesis, every node does its own duties, and NetworkObserver reads the chain, no key held;
// storage providers (`autonet provider serve`, --providers) hold the models' shards, and with --hosts the chain, each
// provider and each node run on hosts of their own (Hosts.NetworkHosts), deleted when the run ends however it ends.
using System.Globalization;
using Autonet.Chain.Dev;
using Autonet.Core.Ids;
using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autonet.Devnet.Network;

/// <summary>Runs a whole network in-process for a number of rounds and returns its report.</summary>
public sealed class NetworkRunner(NetworkOptions options, ILoggerFactory? logs = null)
{
    // Long windows (anvil's clock runs with wall time, so a slow phase must not outlive its window); once every node
    // has acted the runner jumps chain time just past the deadline.
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly List<double> _metrics = [];
    private Action<TxRecord>? _onTransaction;

    public async Task<(RunReport Report, string Folder)> RunAsync(Action<RunStatus>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        var started = DateTimeOffset.UtcNow;
        var transactions = new List<TxRecord>();
        void OnTransaction(TxRecord t)
        {
            lock (transactions)
            {
                transactions.Add(t);
            }
        }
        _onTransaction = OnTransaction;
        var data = RunData.Load(options); // before the chain starts: a bad --text-dir fails at once
        if (options.Daemons)
        {
            // Real block time: the commit window must hold this machine's training as loaded as it is now (CommitWindowSizer).
            options = options with { CommitWindowSeconds = CommitWindowSizer.Size(options, data, cancellationToken).Seconds };
        }
        // Disposed last (after the network's processes): the hosts, and with them every namespace, go on any exit.
        await using var hosts = options.Hosts
            ? await Hosts.NetworkHosts.UpAsync(options.HostPrefix, options.HostNetwork, NetworkHostNames.All(options), cancellationToken).ConfigureAwait(false)
            : null;
        await using var net = await NetworkSetup.StartAsync(options, OnTransaction, cancellationToken, hosts).ConfigureAwait(false);
        RunReport report;

        if (options.Daemons)
        {
            // Launcher and observer: real block time from here on, the daemons do every duty; this process only reads.
            if (net.Dev is not null)
            {
                await net.Client.SetIntervalMiningAsync(1, cancellationToken).ConfigureAwait(false);
            }
            var daemons = NodeWiring.Configure(net, options, data, OnTransaction, logs ?? NullLoggerFactory.Instance)!; // with Daemons
            var providers = options.ProviderCount > 0
                ? net.Own(await StorageProviders.StartAsync(net, options.ProviderCount, options.NodeCommand, cancellationToken).ConfigureAwait(false))
                : null;
            // While the providers start, so do the daemons that need none (not the aggregator, which publishes the genesis
            // model across them; not the proposer, which posts the first task once every other daemon is ready).
            var publisher = net.Role(NodeRole.Aggregator).First();
            foreach (var node in net.Nodes.Where(n => n.Role != NodeRole.Proposer && n != publisher))
            {
                daemons.Start(node.Name, node.Role, node.Home);
            }
            if (providers is not null)
            {
                // Each provider stakes and announces itself; before the genesis, so it is sharded across them too.
                net.Providers = await providers.AwaitActiveAsync(net.Contracts, TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
            }
            // Each daemon stakes itself (node.auto_stake) before it says it is ready; the aggregator then publishes the
            // genesis itself. The proposer last, once every other daemon is polling: its first task's commit window opens at once.
            daemons.Start(publisher.Name, publisher.Role, publisher.Home);
            await daemons.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            foreach (var node in net.Role(NodeRole.Proposer))
            {
                daemons.Start(node.Name, node.Role, node.Home);
            }
            IReadOnlyList<TxRecord> Sent()
            {
                lock (transactions)
                {
                    return [.. transactions];
                }
            }
            var observer = await NetworkObserver.AttachAsync(net, data, daemons, Sent, options.Rounds, cancellationToken).ConfigureAwait(false);
            using (observer)
            {
                var (genesis, genesisBytes) = await observer.AwaitGenesisAsync(cancellationToken).ConfigureAwait(false);
                _metrics.Add(data.Measure(genesisBytes));
                report = NewReport(net, data, genesis);
                report.Providers.AddRange(net.Providers);
                foreach (var host in hosts?.Names ?? [])
                {
                    report.Hosts[host] = hosts!.AddressOf(host);
                }
                await observer.ObserveAsync(report, _metrics, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // Genesis (round 0): a seeded model published by the aggregator, so every solver starts from a CID on chain.
            var genesisBytes = ModelBytes.Serialize(new Autonet.Models.Jepa.JepaModel(options.EffectiveModel, options.ModelSeed));
            var placed = await net.Models().PlaceAsync(genesisBytes, cancellationToken).ConfigureAwait(false);
            await net.Role(NodeRole.Aggregator).First().Chain.PublishAsync(net.ProjectId, placed.Model, placed.MerkleRoot, 0, cancellationToken).ConfigureAwait(false);
            _metrics.Add(data.Measure(genesisBytes));
            report = NewReport(net, data, placed.Model);
            NodeWiring.Configure(net, options, data, OnTransaction, logs ?? NullLoggerFactory.Instance);
            await RunLockstepAsync(net, data, report, placed.Model, progress, cancellationToken).ConfigureAwait(false);
        }
        report.Transactions.AddRange(transactions);
        report.Seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        RunReportWriter.Write(report, net.Folder);
        return (report, net.Folder);
    }

    private RunReport NewReport(NetworkSetup net, RunData data, ContentId genesis) => new()
    {
        Options = options,
        ChainId = net.Client.ChainId.ToString(CultureInfo.InvariantCulture),
        Contracts = net.Contracts.Deployment.ByName.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
        Nodes = net.Nodes.ToDictionary(n => n.Name, n => n.Address.ToString()),
        GenesisModel = genesis.ToString(),
        MetricName = data.MetricName,
        GenesisMetric = _metrics[0],
    };

    private async Task RunLockstepAsync(NetworkSetup net, RunData data, RunReport report, ContentId genesis, Action<RunStatus>? progress, CancellationToken cancellationToken)
    {
        var blobs = net.Blobs();
        var planter = net.Planters.Count > 0 ? new ForcedErrorPlanter(net, data, options.PlanterAttack, _onTransaction!) : null;
        await (planter?.RegisterAccountsAsync(cancellationToken) ?? Task.CompletedTask).ConfigureAwait(false); // before the first proposal
        var model = genesis;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var roundStart = DateTimeOffset.UtcNow;
            var rr = new RoundReport { Round = round, BaseModel = model.ToString() };
            try
            {
                var validation = options.ProposerFault is ProposerFault.NanValidation or ProposerFault.WrongShapeValidation
                    ? data.BadValidationFor(round, options.ProposerFault.Value)
                    : data.ValidationFor(round);
                await RunRoundAsync(net, planter, rr, validation, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A keeper or chain failure ends this round only (what it did so far stays in the report); the next
                // one starts from the same global model.
                rr.Errors.Add($"round failed: {e.Message}");
            }
            if (rr.Model is { } published)
            {
                model = ContentId.Parse(published);
                var bytes = await blobs.GetAsync(model, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"published model {published} is not in the blob store");
                rr.Metric = data.Measure(bytes);
                _metrics.Add(rr.Metric.Value);
            }
            rr.Seconds = (DateTimeOffset.UtcNow - roundStart).TotalSeconds;
            report.Rounds.Add(rr);
            progress?.Invoke(new RunStatus(round, options.Rounds, RoundPhase.Done, rr.Commits, rr.Reveals, rr.Votes, Sum(rr), [.. _metrics], rr.ForcedError));
        }
    }

    private async Task RunRoundAsync(NetworkSetup net, ForcedErrorPlanter? planter, RoundReport rr, byte[] validation, Action<RunStatus>? progress, CancellationToken ct)
    {
        var (round, model) = (rr.Round, ContentId.Parse(rr.BaseModel));
        var proposerNode = net.Role(NodeRole.Proposer).First();
        var names = net.Nodes.ToDictionary(n => n.Address, n => n.Name);
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        var current = RoundPhase.Propose;
        void Phase(RoundPhase phase, RoundReport? r)
        {
            if (r is not null)
            {
                r.PhaseSeconds[KebabNames.Of(current)] = clock.Elapsed.TotalSeconds; // wall time of the phase that just ended
                clock.Restart();
            }
            current = phase;
            progress?.Invoke(new RunStatus(round, options.Rounds, phase, r?.Commits ?? 0, r?.Reveals ?? 0, r?.Votes ?? 0, r is null ? "0" : Sum(r), [.. _metrics], r?.ForcedError ?? ""));
        }

        Phase(RoundPhase.Propose, null);
        var spec = new TrainingSpec { Steps = options.TrainSteps, Batch = options.Batch, LearningRate = options.LearningRate, Seed = round };
        await proposerNode.Clock.RefreshAsync(ct).ConfigureAwait(false);
        net.Client.ResetNonces(); // node processes and daemons send with the nodes' keys too
        var proposerChain = NodeFaults.For(proposerNode.Faults, NullLogger.Instance)?.Chain?.Invoke(proposerNode.Chain) ?? proposerNode.Chain;
        if (planter is not null)
        {
            proposerChain = new PlantBeforeOpenChain(proposerChain, (id, ct) => planter.PlantAsync(id, round, ct)); // committed before commits open
        }
        var proposer = NodeRoles.Proposer(proposerChain, net.Blobs(), proposerNode.Database, proposerNode.Clock);
        var terms = new TaskSpec((ulong)net.ProjectId, model, spec.ToJson(), Autonet.Chain.Contracts.Atn.Units(100), Autonet.Chain.Contracts.Atn.Units(options.SolverBondAtn), Window, Window, Window);
        var taskId = await proposer.ProposeAsync(terms, validation, ct).ConfigureAwait(false);
        rr.TaskId = taskId;
        var keeperNode = net.Role(NodeRole.Aggregator).First();
        var keeper = new KeeperRole(keeperNode.Chain, keeperNode.Clock);
        var posted = (await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!;
        if (posted.CommitDeadline == DateTimeOffset.UnixEpoch)
        {
            // The proposer left its task unopened: once the delay has passed, a keeper opens it (for a bounty).
            await AdvancePastAsync(net, posted.ProposedAt + posted.CommitWindow, ct).ConfigureAwait(false);
            await KeepAsync(net, keeper, keeperNode, rr, taskId, ct).ConfigureAwait(false);
        }

        Phase(RoundPhase.TrainCommit, rr);
        var plants = options.PlanterAttack != PlanterAttack.Withhold; // withhold: the round's plant account misses its commit
        var solvers = net.Role(NodeRole.Solver).Where(n => !n.IsPlanter || (plants && n == planter?.PlantedIn(round))).ToList(); // the round's planter account too
        foreach (var node in solvers)
        {
            await StepAsync(node, rr, taskId, RoundPhase.TrainCommit, ct).ConfigureAwait(false);
        }
        var committed = (await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!;
        rr.Commits = committed.Solutions.Count;
        await AdvancePastAsync(net, committed.CommitDeadline, ct).ConfigureAwait(false);

        Phase(RoundPhase.Reveal, rr);
        await StepAsync(proposerNode, rr, taskId, RoundPhase.Reveal, ct).ConfigureAwait(false);
        var revealedTruth = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        if (revealedTruth?.GroundTruth is null)
        {
            // The proposer never revealed its validation set: after its reveal window a keeper cancels the task, which
            // refunds the pools and the bonds and slashes the proposer; the round ends with no model.
            await AdvancePastAsync(net, committed.CommitDeadline + committed.RevealWindow, ct).ConfigureAwait(false);
            await KeepAsync(net, keeper, keeperNode, rr, taskId, ct).ConfigureAwait(false);
            rr.Errors.Add($"task {taskId}: the proposer never revealed its validation set; cancelled by a keeper");
            await ClaimRoundAsync(net, rr, taskId, ct).ConfigureAwait(false);
            return;
        }
        foreach (var node in solvers)
        {
            await StepAsync(node, rr, taskId, RoundPhase.Reveal, ct).ConfigureAwait(false);
        }
        var view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        rr.ValidationSet = view?.GroundTruth?.ToString();
        rr.Commits = view?.Solutions.Count ?? 0;
        rr.Reveals = view?.Solutions.Count(s => s.Revealed) ?? 0;
        foreach (var s in view?.Solutions ?? [])
        {
            if (s.Delta is { } delta)
            {
                rr.Deltas[s.Solver.ToString()] = delta.ToString();
            }
        }
        foreach (var n in solvers)
        {
            rr.Solvers[n.Name] = n.Address.ToString();
            if (n.Faults?.SolverFault == SolverFault.CorruptBlob && view?.Solutions.FirstOrDefault(s => s.Solver == n.Address)?.Delta is { } stored)
            {
                net.CorruptStoredBlob(stored); // the storage provider now serves other bytes under this CID
            }
        }
        // Mined, so the keeper's clock (the latest block) sees the deadline passed; coordinators step only after the close.
        await AdvancePastAsync(net, view!.RevealDeadline, ct).ConfigureAwait(false);
        await KeepAsync(net, keeper, keeperNode, rr, taskId, ct).ConfigureAwait(false); // closeReveals

        Phase(RoundPhase.VerifyVote, rr);
        foreach (var node in net.Role(NodeRole.Coordinator))
        {
            await StepAsync(node, rr, taskId, RoundPhase.VerifyVote, ct).ConfigureAwait(false);
            var state = await new SqliteStateStore<CoordinatorTaskState>(node.Database).LoadAsync($"coordinator/{taskId}", ct).ConfigureAwait(false);
            var lazy = node.Faults?.CoordinatorFault == CoordinatorFault.Lazy; // set by NodeWiring
            rr.Verdicts[node.Name] = [.. (state?.Verdicts ?? []).Select(v => new VerdictReport(v.Solver.ToString(), NameOf(names, v.Solver), v.ScoreBasisPoints, v.Reason, lazy, v.Unjudgeable))];
        }
        view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        // Votes are hidden until now: past the verify deadline a keeper anchors the committee draw, one more block makes
        // its hash readable, and the drawn coordinators reveal.
        await AdvancePastAsync(net, view!.VerifyDeadline, ct).ConfigureAwait(false);
        await KeepAsync(net, keeper, keeperNode, rr, taskId, ct).ConfigureAwait(false); // drawCommittee
        await net.Client.AdvanceTimeAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        foreach (var node in net.Role(NodeRole.Coordinator))
        {
            await StepAsync(node, rr, taskId, RoundPhase.Finalize, ct).ConfigureAwait(false); // reveal, or not drawn
        }
        view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        rr.Votes = (view?.Voters.Count ?? 0) * (view?.Solutions.Count(s => s.Revealed) ?? 0); // one score per revealed solution in each vote
        await AdvancePastAsync(net, view!.VoteRevealDeadline, ct).ConfigureAwait(false);
        if (options.UnstakeBeforeSettle)
        {
            rr.Unstakes.Add(await EarlyUnstake.TryAsync(net, net.Role(NodeRole.Coordinator).First(), "before settlement", ct).ConfigureAwait(false));
        }

        Phase(RoundPhase.Finalize, rr);
        if (planter is not null)
        {
            await RevealForcedErrorAsync(net, planter, rr, names, ct).ConfigureAwait(false);
        }
        await KeepAsync(net, keeper, keeperNode, rr, taskId, ct).ConfigureAwait(false); // finalize
        foreach (var node in net.Role(NodeRole.Coordinator))
        {
            await StepAsync(node, rr, taskId, RoundPhase.AggregatePublish, ct).ConfigureAwait(false); // an undrawn vote's hold is released
        }
        foreach (var (name, penalty) in await VoteSettlement.SettleAsync(net, keeperNode, taskId, _onTransaction!, ct).ConfigureAwait(false))
        {
            rr.UnrevealedVotes[name] = penalty; // a drawn committer that never revealed is slashed
        }
        view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        if (view?.Voided == true)
        {
            rr.Errors.Add($"task {taskId}: a stake majority of the coordinators rejected the validation set; the task is void and its proposer slashed");
        }
        foreach (var a in view?.Accepted ?? [])
        {
            rr.Consensus[a.Solver.ToString()] = a.Score;
        }
        Phase(RoundPhase.AggregatePublish, rr);
        foreach (var node in net.Role(NodeRole.Aggregator))
        {
            await StepAsync(node, rr, taskId, RoundPhase.AggregatePublish, ct).ConfigureAwait(false);
            if (await new SqliteStateStore<AggregatorTaskState>(node.Database).LoadAsync($"aggregator/{taskId}", ct).ConfigureAwait(false) is { } state && rr.Aggregation.Count == 0)
            {
                rr.Aggregation.AddRange(state.Outcomes.Select(o => new AggregationReport(o.Solver.ToString(), NameOf(names, o.Solver), o.Norm, o.Included, o.ClipScale, o.Reason)));
                rr.Aggregation.AddRange(state.Rejected.Select(r => new AggregationReport("", "", null, false, null, $"rejected {r}")));
            }
        }

        Phase(RoundPhase.ChallengeWindow, rr);
        await ModelChallengePhase.RunAsync(net, rr, names, _onTransaction!, ct).ConfigureAwait(false); // sets rr.Model: the task's model once final

        await ClaimRoundAsync(net, rr, taskId, ct).ConfigureAwait(false);
        if (options.UnstakeBeforeSettle && round == options.Rounds)
        {
            rr.Unstakes.Add(await EarlyUnstake.TryAsync(net, net.Role(NodeRole.Coordinator).First(), "after settlement", ct).ConfigureAwait(false));
        }
        if (rr.Model is { } cid)
        {
            rr.MerkleRoot = await RoundRewards.RecomputeRootAsync(net.Blobs(), cid, ct).ConfigureAwait(false);
            var (onChain, root, _) = await net.Contracts.Project.LatestModelAsync(net.ProjectId, ct).ConfigureAwait(false);
            (rr.OnChainModel, rr.OnChainMerkleRoot) = (onChain, root.ToString());
        }
        rr.PhaseSeconds[KebabNames.Of(current)] = clock.Elapsed.TotalSeconds;
    }

    // The keeper's due duty, with the keeper node's key (the aggregator's: every node may keep).
    private static async Task KeepAsync(NetworkSetup net, KeeperRole keeper, NetworkNode node, RoundReport rr, ulong taskId, CancellationToken ct)
    {
        net.Client.ResetNonces();
        await node.Clock.RefreshAsync(ct).ConfigureAwait(false);
        var duty = await keeper.StepAsync(taskId, ct).ConfigureAwait(false);
        rr.Keeper.Add(duty is { } done ? KebabNames.Of(done) : "none due");
    }

    // Claims after the aggregator published (it sends with its key until then): what each node is owed from the task,
    // its returned bond and keeper bounties included (RoundRewards splits the bond out).
    private static async Task ClaimRoundAsync(NetworkSetup net, RoundReport rr, ulong taskId, CancellationToken ct)
    {
        net.Client.ResetNonces();
        var byAddress = net.Nodes.ToDictionary(n => n.Address);
        await RoundRewards.RecordAsync(net.Contracts, rr, taskId, [.. net.Nodes.Select(n => new ObservedNode(n.Name, n.Role, n.Address, n.Staking))],
            node => byAddress[node.Address].Chain.ClaimAsync(taskId, ct), ct).ConfigureAwait(false);
    }

    // A plant whose account never revealed is abandoned (no grace to wait); a refused reveal or abandon leaves the plant
    // pending: ResultsRewards then refuses to finalize for FORCED_REVEAL_GRACE, so the run waits that out on chain time.
    private static async Task RevealForcedErrorAsync(NetworkSetup net, ForcedErrorPlanter planter, RoundReport rr, IReadOnlyDictionary<Address, string> names, CancellationToken ct)
    {
        try
        {
            var (reports, frame, abandoned) = await planter.RevealAsync(rr.TaskId, names, ct).ConfigureAwait(false);
            rr.ForcedErrors.AddRange(reports);
            rr.PlanterFrame = frame;
            rr.PlantAbandoned = abandoned;
        }
        catch (Autonet.Chain.ChainException e)
        {
            rr.Errors.Add($"forced error of task {rr.TaskId} not revealed: {e.Message}");
            await net.Client.AdvanceTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    internal static async Task AdvancePastAsync(NetworkSetup net, DateTimeOffset deadline, CancellationToken ct)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds((long)await net.Client.GetLatestTimestampAsync(ct).ConfigureAwait(false));
        var by = deadline - now + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            await net.Client.AdvanceTimeAsync(by, ct).ConfigureAwait(false);
        }
    }

    private static async Task<NodeOutcome> StepAsync(NetworkNode node, RoundReport rr, ulong taskId, RoundPhase phase, CancellationToken ct)
    {
        var outcome = await node.Step!(taskId, phase, ct).ConfigureAwait(false); // set by NodeWiring before the first round
        if (outcome.Error is not null)
        {
            rr.Errors.Add($"{node.Name} {outcome}");
        }
        return outcome;
    }

    /// <summary>The aggregation options a run uses (trimmed mean trims one per side when n allows it).</summary>
    public static AggregationOptions AggregationFor(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rule = AggregationOptions.ForRule(options.Aggregation);
        return rule.Rule == AggregationRule.TrimmedMean ? rule with { TrimPerSide = options.Solvers >= 3 ? 1 : 0 } : rule;
    }

    private static string NameOf(Dictionary<Address, string> names, Address address) =>
        names.TryGetValue(address, out var name) ? name : address.ToString();

    private static string Sum(RoundReport r) =>
        r.RewardsAtn.Values.Sum(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToString("0.##", CultureInfo.InvariantCulture);
}
