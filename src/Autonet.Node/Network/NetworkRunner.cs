// `autonet network run`: one process, every node in it, a real chain. Each round walks ARCHITECTURE.md's training
// round in lockstep: propose -> solvers train and commit -> (chain time past the commit deadline) -> ground truth
// revealed -> solvers reveal -> (past the reveal deadline) closeReveals -> coordinators verify and vote -> (past the
// verify deadline) finalize, claims -> aggregator combines and publishes -> probe accuracy of the new global model.
// On a dev chain the runner advances chain time (evm_increaseTime) once every node has done what the phase needs,
// instead of sleeping through the contracts' minimum 60 s windows.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Dev;
using Autonet.Core.Ids;
using Autonet.Data.Federated;
using Autonet.Data.Images;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Node.Training;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Node.Network;

/// <summary>Runs a whole network in-process for a number of rounds and returns its report.</summary>
public sealed class NetworkRunner(NetworkOptions options)
{
    // Long windows (anvil's clock runs with wall time, so a slow phase must not outlive its window); once every node
    // has acted the runner jumps chain time just past the deadline.
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly List<double> _accuracy = [];

    public async Task<(RunReport Report, string Folder)> RunAsync(Action<RunStatus>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        var started = DateTimeOffset.UtcNow;
        var transactions = new List<TxRecord>();
        await using var net = await NetworkSetup.StartAsync(options, t => { lock (transactions) { transactions.Add(t); } }, cancellationToken).ConfigureAwait(false);
        var train = FashionMnist.Load(FashionMnistSplit.Train, maxCount: options.TrainImages + options.ProbeTrain);
        var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: options.ValidationImages + options.ProbeTest);
        var probe = new ProbeEvaluator(train, Range(options.TrainImages, options.ProbeTrain), test, Range(options.ValidationImages, options.ProbeTest));
        var split = DirichletSplitter.Split(train.Labels.AsSpan(0, options.TrainImages), options.Solvers, options.DirichletAlpha, options.Seed, minPerClient: 10);
        var blobs = net.Blobs();

        // Genesis (round 0): a seeded model published by the aggregator, so every solver starts from a CID on chain.
        var genesisBytes = JepaTrainer.Genesis(options.Model);
        var genesis = await blobs.PutAsync(genesisBytes, cancellationToken).ConfigureAwait(false);
        var aggregatorNode = net.Role("aggregator").First();
        await aggregatorNode.Chain.PublishAsync(net.ProjectId, genesis, genesisBytes, 0, cancellationToken).ConfigureAwait(false);
        _accuracy.Add(probe.Accuracy(genesisBytes));
        var report = new RunReport
        {
            Options = options,
            ChainId = net.Client.ChainId.ToString(CultureInfo.InvariantCulture),
            Contracts = net.System.Deployment.ByName.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
            Nodes = net.Nodes.ToDictionary(n => n.Name, n => n.Key.Address.ToString()),
            GenesisModel = genesis.ToString(),
            GenesisProbeAccuracy = _accuracy[0],
        };

        var roles = BuildRoles(net, blobs, train, split, test);
        var model = genesis;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var roundStart = DateTimeOffset.UtcNow;
            RoundReport rr;
            try
            {
                rr = await RunRoundAsync(net, roles, round, model, test, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A keeper or chain failure ends this round only; the next one starts from the same global model.
                rr = new RoundReport { Round = round, TaskId = 0, BaseModel = model.ToString() };
                rr.Errors.Add($"round failed: {e.Message}");
            }
            if (rr.Model is { } published)
            {
                model = ContentId.Parse(published);
                var bytes = await blobs.GetAsync(model, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"published model {published} is not in the blob store");
                rr.ProbeAccuracy = probe.Accuracy(bytes);
                _accuracy.Add(rr.ProbeAccuracy.Value);
            }
            rr.Seconds = (DateTimeOffset.UtcNow - roundStart).TotalSeconds;
            report.Rounds.Add(rr);
            progress?.Invoke(new RunStatus(round, options.Rounds, "done", rr.Commits, rr.Reveals, rr.Votes, Sum(rr), [.. _accuracy]));
        }
        report.Transactions.AddRange(transactions);
        report.Seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        RunReportWriter.Write(report, net.Folder);
        return (report, net.Folder);
    }

    private sealed record Roles(
        Dictionary<NetworkNode, ProposerRole> Proposers,
        Dictionary<NetworkNode, SolverRole> Solvers,
        Dictionary<NetworkNode, CoordinatorRole> Coordinators,
        Dictionary<NetworkNode, AggregatorRole> Aggregators);

    private Roles BuildRoles(NetworkSetup net, IBlobStore blobs, ImageDataset train, int[][] split, ImageDataset test)
    {
        var verifier = new JepaTrainer(null, [], 0);
        var aggregation = AggregationFor(options);
        var proposers = net.Role("proposer").ToDictionary(n => n, n => new ProposerRole(n.Chain, blobs, new SqliteStateStore<ProposerTaskState>(n.Database), n.Clock, NewSalt));
        var solvers = new Dictionary<NetworkNode, SolverRole>();
        var index = 0;
        foreach (var n in net.Role("solver"))
        {
            var honest = new JepaTrainer(train, split[index], options.Seed + (ulong)index + 1);
            var fault = options.FaultOf(index);
            ITrainer trainer = fault is null or "reveal-mismatch" ? honest : new AttackTrainer(honest, AttackTrainer.Parse(fault), options.Seed + 100 + (ulong)index);
            IChain chain = fault == "reveal-mismatch" ? new MismatchedRevealChain(n.Chain) : n.Chain;
            solvers[n] = new SolverRole(chain, blobs, trainer, new SqliteStateStore<SolverTaskState>(n.Database), n.Clock, NewSalt);
            index++;
        }
        var coordinators = net.Role("coordinator").ToDictionary(n => n, n => new CoordinatorRole(n.Chain, blobs, verifier, new SqliteStateStore<CoordinatorTaskState>(n.Database), n.Clock, options.MaxDeltaNorm));
        var aggregators = net.Role("aggregator").ToDictionary(n => n, n => new AggregatorRole(n.Chain, blobs, verifier, new SqliteStateStore<AggregatorTaskState>(n.Database), aggregation));
        return new Roles(proposers, solvers, coordinators, aggregators);
    }

    private async Task<RoundReport> RunRoundAsync(NetworkSetup net, Roles roles, int round, ContentId model, ImageDataset test, Action<RunStatus>? progress, CancellationToken ct)
    {
        var proposerNode = roles.Proposers.Keys.First();
        var proposer = roles.Proposers[proposerNode];
        void Phase(string phase, RoundReport? r) =>
            progress?.Invoke(new RunStatus(round, options.Rounds, phase, r?.Commits ?? 0, r?.Reveals ?? 0, r?.Votes ?? 0, r is null ? "0" : Sum(r), [.. _accuracy]));

        Phase("propose", null);
        var spec = new TrainingSpec { Steps = options.TrainSteps, Batch = options.Batch, LearningRate = options.LearningRate, Seed = round };
        var validation = ValidationSet.Encode(test, Range(0, options.ValidationImages));
        await proposerNode.Clock.RefreshAsync(ct).ConfigureAwait(false);
        var taskId = await proposer.ProposeAsync(new TaskSpec((ulong)net.ProjectId, model, spec.ToJson(), Autonet.Chain.Contracts.Atn.Units(100), Window, Window, Window), validation, ct).ConfigureAwait(false);
        var rr = new RoundReport { Round = round, TaskId = taskId, BaseModel = model.ToString() };

        Phase("train + commit", rr);
        foreach (var (node, solver) in roles.Solvers)
        {
            await StepAsync(node, rr, (id, c) => DescribeAsync(solver.StepAsync(id, c)), taskId, ct).ConfigureAwait(false);
        }
        await AdvancePastAsync(net, (await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false))!.CommitDeadline, ct).ConfigureAwait(false);

        Phase("reveal", rr);
        await StepAsync(proposerNode, rr, async (id, c) => (await proposer.StepAsync(id, c).ConfigureAwait(false)).Revealed ? "ground truth revealed" : "waiting", taskId, ct).ConfigureAwait(false);
        foreach (var (node, solver) in roles.Solvers)
        {
            await StepAsync(node, rr, (id, c) => DescribeAsync(solver.StepAsync(id, c)), taskId, ct).ConfigureAwait(false);
        }
        var view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        rr.ValidationSet = view?.GroundTruth?.ToString();
        rr.Commits = view?.Solutions.Count ?? 0;
        rr.Reveals = view?.Solutions.Count(s => s.Revealed is not null) ?? 0;
        foreach (var s in view?.Solutions ?? [])
        {
            if (s.Revealed is { } delta)
            {
                rr.Deltas[s.Solver.ToString()] = delta.ToString();
            }
        }
        foreach (var n in roles.Solvers.Keys)
        {
            rr.Solvers[n.Name] = n.Key.Address.ToString();
        }
        await AdvancePastAsync(net, view!.RevealDeadline, ct).ConfigureAwait(false);
        await proposerNode.Chain.CloseRevealsAsync(taskId, ct).ConfigureAwait(false);

        Phase("verify + vote", rr);
        foreach (var (node, coordinator) in roles.Coordinators)
        {
            var line = await StepAsync(node, rr, async (id, c) =>
            {
                var state = await coordinator.StepAsync(id, c).ConfigureAwait(false);
                rr.Verdicts[node.Name] = [.. state.Verdicts.Select(v => $"{v.Solver}: {v.Reason}")];
                return $"{state.Verdicts.Count(v => v.ScoreBasisPoints is not null)} votes";
            }, taskId, ct).ConfigureAwait(false);
        }
        view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        rr.Votes = view?.Votes.Count ?? 0;
        await AdvancePastAsync(net, view!.VerifyDeadline, ct).ConfigureAwait(false);

        Phase("finalize", rr);
        await proposerNode.Chain.FinalizeAsync(taskId, ct).ConfigureAwait(false);
        view = await proposerNode.Chain.ReadTaskAsync(taskId, ct).ConfigureAwait(false);
        foreach (var a in view?.Accepted ?? [])
        {
            rr.Consensus[a.Solver.ToString()] = a.Score;
        }
        foreach (var node in net.Nodes)
        {
            var amount = await node.Chain.ClaimAsync(taskId, ct).ConfigureAwait(false);
            if (!amount.IsZero)
            {
                rr.RewardsAtn[node.Name] = ToAtn(amount);
            }
        }

        Phase("aggregate + publish", rr);
        foreach (var (node, aggregator) in roles.Aggregators)
        {
            await StepAsync(node, rr, async (id, c) =>
            {
                var state = await aggregator.StepAsync(id, c).ConfigureAwait(false);
                if (state is null)
                {
                    return "not finalized";
                }
                rr.Model ??= state.Model.ToString();
                rr.Aggregation.AddRange(state.Outcomes.Select(o => $"{o.Solver}: {o.Reason}"));
                rr.Aggregation.AddRange(state.Rejected.Select(r => $"rejected {r}"));
                return $"published {state.Model}";
            }, taskId, ct).ConfigureAwait(false);
        }
        if (rr.Model is { } cid)
        {
            var bytes = await net.Blobs().GetAsync(ContentId.Parse(cid), ct).ConfigureAwait(false);
            rr.MerkleRoot = bytes is null ? null : ModelShards.MerkleRoot(bytes).ToString();
            var (onChain, root, _) = await net.System.Project.LatestModelAsync(net.ProjectId, ct).ConfigureAwait(false);
            (rr.OnChainModel, rr.OnChainMerkleRoot) = (onChain, root.ToString());
        }
        return rr;
    }

    private static async Task AdvancePastAsync(NetworkSetup net, DateTimeOffset deadline, CancellationToken ct)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds((long)await net.Client.GetLatestTimestampAsync(ct).ConfigureAwait(false));
        var by = deadline - now + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            await net.Client.AdvanceTimeAsync(by, ct).ConfigureAwait(false);
        }
    }

    private static async Task<string> StepAsync(NetworkNode node, RoundReport rr, Func<ulong, CancellationToken, Task<string>> step, ulong taskId, CancellationToken ct)
    {
        node.Host ??= new NodeHost(node.Name, node.Chain, node.Clock, step);
        var line = await new NodeHost(node.Name, node.Chain, node.Clock, step).StepAsync(taskId, ct).ConfigureAwait(false);
        if (line.Contains(": error:", StringComparison.Ordinal))
        {
            rr.Errors.Add($"{node.Name} {line}");
        }
        return line;
    }

    private static async Task<string> DescribeAsync(Task<SolverTaskState?> step)
    {
        var state = await step.ConfigureAwait(false);
        return state is null ? "did not join" : $"{state.Phase}: {state.Reason}";
    }

    /// <summary>The aggregation options a run uses (trimmed mean trims one per side when n allows it).</summary>
    public static AggregationOptions AggregationFor(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rule = AggregationOptions.ForRule(options.Aggregation);
        return rule.Rule == AggregationRule.TrimmedMean ? rule with { TrimPerSide = options.Solvers >= 3 ? 1 : 0 } : rule;
    }

    private static Hash32 NewSalt() => new(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];

    private static string ToAtn(BigInteger wei) => ((decimal)(wei / BigInteger.Pow(10, 12)) / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Sum(RoundReport r) =>
        r.RewardsAtn.Values.Sum(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToString("0.##", CultureInfo.InvariantCulture);
}
