using Autonet.Node.Adapters;

namespace Autonet.Devnet.Network;

/// <summary>Everything a network run did: setup, per-round figures, every transaction.</summary>
public sealed record RunReport
{
    public required NetworkOptions Options { get; init; }
    public required string ChainId { get; init; }
    public required IReadOnlyDictionary<string, string> Contracts { get; init; }
    public required IReadOnlyDictionary<string, string> Nodes { get; init; }
    public required string GenesisModel { get; init; }
    /// <summary>What <see cref="GenesisMetric"/> and each round's Metric measure: "probe accuracy" (image) or "held-out cosine" (text).</summary>
    public required string MetricName { get; init; }

    /// <summary>The global model's quality at genesis (a fraction).</summary>
    public required double GenesisMetric { get; init; }
    public List<RoundReport> Rounds { get; } = [];

    /// <summary>The run's storage providers: name, account and announced gateway (empty when models stay on the run's gateway).</summary>
    public List<StorageProvider> Providers { get; } = [];

    /// <summary>Each host of a `--hosts` run and its address (empty on one host).</summary>
    public Dictionary<string, string> Hosts { get; } = [];

    /// <summary>Where the genesis model's shards are (ModelShardRegistry); null when it is on the run's gateway only.</summary>
    public PlacementReport? GenesisPlacement { get; set; }

    /// <summary>A metric value as people read it: a percentage for probe accuracy, three decimals for a cosine.</summary>
    public static string FormatMetric(string metricName, double? value) =>
        value is not { } v ? "-" : v.ToString(metricName == "probe accuracy" ? "P1" : "F3", System.Globalization.CultureInfo.InvariantCulture);
    public List<TxRecord> Transactions { get; } = [];

    /// <summary>A daemon run's transactions from node addresses that were mined and reverted, by contract and function (RevertCount: "TaskContract.closeReveals"); empty in lockstep.</summary>
    public Dictionary<string, int> Reverted { get; } = [];
    public double Seconds { get; set; }
}

/// <summary>One round (one task): who did what, the consensus, the rewards, the published model and its quality.</summary>
public sealed record RoundReport
{
    public required int Round { get; init; }
    /// <summary>The round's task; 0 until it is proposed.</summary>
    public ulong TaskId { get; set; }
    public required string BaseModel { get; init; }
    public string? ValidationSet { get; set; }
    public int Commits { get; set; }
    public int Reveals { get; set; }
    public int Votes { get; set; }
    /// <summary>Each coordinator's verdicts, by coordinator name.</summary>
    public Dictionary<string, List<VerdictReport>> Verdicts { get; } = [];
    public Dictionary<string, double> Consensus { get; } = [];
    public Dictionary<string, string> Deltas { get; } = [];
    public Dictionary<string, string> Solvers { get; } = [];
    public string? OnChainModel { get; set; }
    public string? OnChainMerkleRoot { get; set; }
    /// <summary>What each node earned from the round beyond a returned bond (rewards, fee, keeper bounties), ATN.</summary>
    public Dictionary<string, string> RewardsAtn { get; } = [];

    /// <summary>Each committed solver's bond: what came back (ATN), or "forfeited".</summary>
    public Dictionary<string, string> BondsAtn { get; } = [];

    /// <summary>Each node's stake in its role after the round (ATN): where a slash shows.</summary>
    public Dictionary<string, string> StakesAtn { get; } = [];

    /// <summary>The keeper duties done in the round, in order ("open-commits", "close-reveals", "finalize", "cancel-task").</summary>
    public List<string> Keeper { get; } = [];
    public List<AggregationReport> Aggregation { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>How each coordinator fared on the round's forced error (caught, or missed and slashed).</summary>
    public List<ForcedErrorReport> ForcedErrors { get; } = [];

    /// <summary>`--planter-attack frame`: what the registry said when the planter flagged an honest solver; null otherwise.</summary>
    public string? PlanterFrame { get; set; }

    /// <summary>The plant account whose plant was abandoned (it never revealed its solution in the task); null otherwise.</summary>
    public string? PlantAbandoned { get; set; }

    /// <summary>Committed votes never counted that the keeper settled after the task: the penalty (ATN) by coordinator name.</summary>
    public Dictionary<string, string> UnrevealedVotes { get; } = [];

    /// <summary>`--unstake-before-settle`: the first coordinator's attempts to withdraw its whole stake, in order.</summary>
    public List<string> Unstakes { get; } = [];

    /// <summary>The forced-error outcome in short ("caught 2/2", "abandoned"); empty when none was revealed or abandoned.</summary>
    public string ForcedError => PlantAbandoned is not null ? "abandoned" : ForcedErrors.Count == 0 ? "" : $"caught {ForcedErrors.Count(f => f.Caught)}/{ForcedErrors.Count}";
    /// <summary>The model of the round's task once its challenge window settled (a replaced model's challenger's); null when none was published.</summary>
    public string? Model { get; set; }

    /// <summary>The model the aggregator published, before any challenge; null when none was.</summary>
    public string? PublishedModel { get; set; }

    /// <summary>The challenges of the published model and how each resolved.</summary>
    public List<ChallengeReport> Challenges { get; } = [];

    /// <summary>Whether an upheld challenge replaced the published model (its aggregator lost its bond and was slashed).</summary>
    public bool ModelReplaced { get; set; }
    public string? MerkleRoot { get; set; }

    /// <summary>Where the round's model's shards are (ModelShardRegistry); null when it is on the run's gateway only.</summary>
    public PlacementReport? Placement { get; set; }
    /// <summary>The published model's quality (<see cref="RunReport.MetricName"/>); null when the round published none.</summary>
    public double? Metric { get; set; }
    public double Seconds { get; set; }

    /// <summary>Wall seconds of each phase (propose, train + commit, reveal, verify + vote, finalize, aggregate + publish).</summary>
    public Dictionary<string, double> PhaseSeconds { get; } = [];

    /// <summary>A daemon round's transactions by action and its deadlines, in chain seconds after its proposal (<see cref="RoundTimeline"/>).</summary>
    public List<TimelineEntry> Timeline { get; } = [];
}

/// <summary>What the live table shows while a run goes on.</summary>
public sealed record RunStatus(int Round, int Rounds, RoundPhase Phase, int Commits, int Reveals, int Votes, string RewardsAtn, IReadOnlyList<double> Metrics, string ForcedError)
{
    /// <summary>Wall seconds since the round began (its propose phase) when it reached <see cref="Phase"/>.</summary>
    public double Seconds { get; init; }
}
