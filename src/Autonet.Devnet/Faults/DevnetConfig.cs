// devnet.json in a devnet node's home, beside config.yaml: how the devnet makes this node misbehave. Written by
// `network run` only for a node that misbehaves (an honest node's home has no such file), read by the Cli's node
// commands, which hand NodeFaults' decorator to Autonet.Node; the node itself never reads it.
using System.Text.Json;
using System.Text.Json.Serialization;
using Autonet.Node;
using Autonet.Node.State;

namespace Autonet.Devnet.Faults;

/// <summary>A devnet node's misbehaviour: at most one of attack, solver fault, coordinator fault, proposer fault, aggregator fault, planter (a proposer's PlantsFor goes with its fault).</summary>
public sealed record DevnetConfig
{
    public const string FileName = "devnet.json";

    /// <summary>A solver that corrupts every delta it trains this way.</summary>
    public SolverAttack? Attack { get; init; }

    /// <summary>Seeds the noise attack.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong AttackSeed { get; init; }

    /// <summary>A solver that misbehaves toward the chain or storage.</summary>
    public SolverFault? SolverFault { get; init; }

    /// <summary>A coordinator that misbehaves.</summary>
    public CoordinatorFault? CoordinatorFault { get; init; }

    /// <summary>A proposer that griefs.</summary>
    public ProposerFault? ProposerFault { get; init; }

    /// <summary>An aggregator that publishes what it should not.</summary>
    public AggregatorFault? AggregatorFault { get; init; }

    /// <summary>One of the forced-error planter's solver accounts: its delta is a plausible bad one (ForcedErrorTrainer).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Planter { get; init; }

    /// <summary>The round (the project's task, 1-based) a planter account plants in; it joins no other (PlantRoundChain); -1: none (`--planter-attack withhold`).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PlantRound { get; init; }

    /// <summary>A daemon run's planter account: a solver member of the project from its round's proposal to its commit (PlantRoundChain), so that task waits for its plant.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PlantJoins { get; init; }
    /// <summary>A daemon run's proposer, the registry's planter: the planter's fresh accounts, the n-th planting in the project's n-th task (PlanterDuty).</summary>
    public IReadOnlyList<Network.PlantAccount>? PlantsFor { get; init; }

    public void Save(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        File.WriteAllText(home.EnsureCreated().File(FileName), JsonSerializer.Serialize(this, IdJsonConverters.Documents));
    }

    /// <summary>The home's devnet.json; null when it has none (an honest node).</summary>
    /// <exception cref="FormatException">devnet.json is not valid (the message names the member).</exception>
    public static DevnetConfig? Load(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = home.File(FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<DevnetConfig>(File.ReadAllText(path), IdJsonConverters.Documents)
                ?? throw new FormatException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a valid devnet.json: {e.Message}", e);
        }
    }
}
