using Autonet.Devnet.Network;

namespace Autonet.Scenarios;

/// <summary>
/// `network run --daemons --hosts`: the chain, three storage providers and every node daemon each on a host of its own
/// (network namespaces on one bridge), nobody driving. Three rounds complete, the probe ends above genesis, and every
/// published model's shards are on the providers (ModelShardRegistry's placement, announced by their holders, rebuilt
/// from the providers' own folders). A coordinator host cut off (link down) misses its vote and the round still
/// settles. A provider host down while a model is fetched is HostStorageScenarioTests'.
/// </summary>
public sealed class HostNetworkScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-host-network-").FullName;
    private readonly string _prefix = $"h{Environment.ProcessId % 10000}";
    private readonly string _net = $"10.80.{Environment.ProcessId % 250}";

    private static string Script => Path.Combine(ScenarioPaths.RepositoryRoot(), "scripts", "netns.sh");

    // About 4 minutes (set-up, then three rounds of real block time with 40 s commit windows).
    [HostsFact]
    [Trait("Category", "Slow")]
    public async Task RunAsync_EveryNodeOnItsOwnHost_ThreeRoundsAndEveryModelOnTheProviders()
    {
        await ScenarioPaths.RunAsync(Script, "up", _prefix, _net, "stale"); // what a killed run left: cleaned at start
        var options = DaemonScenarioTests.ProbeRising(ScenarioRun.Daemons(_home, rounds: 3)) with { Hosts = true, HostPrefix = _prefix, HostNetwork = _net };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        Assert.Empty(await NamespacesAsync()); // torn down, the stale one too
        Assert.Equal(NetworkHostNames.All(options).Order(StringComparer.Ordinal), report.Hosts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(report.Hosts.Count, report.Hosts.Values.Distinct().Count()); // an address each
        Assert.Equal($"{_net}.1", report.Hosts[NetworkHostNames.Chain]);
        Assert.Equal(3, report.Providers.Count);
        Assert.All(report.Providers, p => Assert.Equal(report.Hosts[p.Name], p.Gateway.Host)); // each announced its own host's address
        Assert.Equal(3, report.Rounds.Count);
        AssertOnProviders(report, report.GenesisPlacement, "genesis");
        foreach (var round in report.Rounds)
        {
            Assert.True(round.Errors.Count == 0, $"round {round.Round}: {string.Join("\n", round.Errors)}");
            Assert.Equal(4, round.Reveals);
            Assert.NotNull(round.Model);
            AssertOnProviders(report, round.Placement, $"round {round.Round}");
            Assert.Equal(round.Model, Autonet.Core.Ids.ContentId.Of(await ScenarioRun.ReadModelAsync(report, folder, round.Model!)).ToString());
            var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
            Assert.Equal(round.OnChainModel, model.ToString());
            Assert.Equal(round.OnChainMerkleRoot, root.ToString());
        }
        var nodes = report.Nodes.Values.ToHashSet(StringComparer.Ordinal);
        Assert.All(report.Transactions.Where(t => t.TaskId >= report.Rounds[0].TaskId), t => Assert.Contains(t.From.ToString(), nodes));
        Assert.True(report.Rounds[^1].Metric > report.GenesisMetric, $"probe {report.GenesisMetric:P1} -> {string.Join(" -> ", report.Rounds.Select(r => $"{r.Metric:P1}"))}");
    }

    // About 2 minutes: one round with coordinator-2's link to the bridge down from the start of the round to its end.
    [HostsFact]
    [Trait("Category", "Slow")]
    public async Task RunAsync_CoordinatorHostCutOff_MissesItsVoteAndTheRoundSettles()
    {
        var options = ScenarioRun.Daemons(_home, rounds: 1) with { Hosts = true, HostPrefix = _prefix, HostNetwork = _net };
        var cut = false;
        void Progress(RunStatus status)
        {
            if (!cut && status.Phase == RoundPhase.TrainCommit)
            {
                cut = true; // before any vote: the coordinator cannot reach the chain or the providers until the run ends
                var (code, output) = ScenarioPaths.RunAsync(Script, "link", _prefix, "coordinator-2", "down").GetAwaiter().GetResult();
                Assert.True(code == 0, output);
            }
        }

        var (report, _) = await new NetworkRunner(options).RunAsync(Progress, CancellationToken.None);

        Assert.True(cut, "the round never reached train + commit");
        var round = Assert.Single(report.Rounds);
        Assert.NotNull(round.Model); // published and its challenge window settled without the cut-off coordinator
        Assert.Contains(report.Transactions, t => t.TaskId == round.TaskId && t.Action == "settleModel");
        var coordinators = report.Nodes.Where(n => n.Key.StartsWith("coordinator-", StringComparison.Ordinal)).ToDictionary(n => n.Key, n => n.Value);
        Assert.Contains(report.Transactions, t => t.TaskId == round.TaskId && t.Action == "commitVote" && t.From.ToString() == coordinators["coordinator-1"]);
        Assert.DoesNotContain(report.Transactions, t => t.TaskId == round.TaskId && t.From.ToString() == coordinators["coordinator-2"]);
        Assert.Equal(round.Reveals, round.Votes); // one voter's scores
        Assert.All(round.ForcedErrors, f => Assert.Equal("coordinator-1", f.Coordinator));
        Assert.All(round.Errors, e => Assert.StartsWith("coordinator-2 ", e, StringComparison.Ordinal)); // only the cut-off node failed
        Assert.Empty(await NamespacesAsync());
    }

    private static void AssertOnProviders(RunReport report, PlacementReport? placement, string what)
    {
        Assert.True(placement is not null, $"{what}: not sharded on ModelShardRegistry");
        Assert.Equal((4, 2), (placement.DataShards, placement.ParityShards)); // the project's k + m
        Assert.Equal(report.Providers.Select(p => p.Name).Order(StringComparer.Ordinal), placement.ShardsByProvider.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6, placement.ShardsByProvider.Values.Sum());
        Assert.True(placement.Announced == 6, $"{what}: {placement}");
    }

    private async Task<string[]> NamespacesAsync()
    {
        var (_, output) = await ScenarioPaths.RunAsync("ip", "netns", "list");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith($"{_prefix}-", StringComparison.Ordinal))];
    }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            ScenarioPaths.RunAsync(Script, "down", _prefix).GetAwaiter().GetResult();
        }
        Directory.Delete(_home, recursive: true);
    }
}
