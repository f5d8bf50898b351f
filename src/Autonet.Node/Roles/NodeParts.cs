using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Roles;

/// <summary>What a daemon runs beside its role: its duties on every task and, for a proposer with a plan, its schedule.</summary>
public sealed record NodeParts(NodeDuties Duties, ProposerSchedule? Schedule, GenesisPublisher? Genesis)
{
    /// <summary>
    /// The duties of the node (a coordinator's with its challenger; the decorator's extra duty built from
    /// <paramref name="services"/>; keeper turns of <paramref name="keeperTurn"/>), a proposer's schedule from
    /// its proposer.* keys and an aggregator's genesis from aggregator.genesis_file (read once, here, so a bad file stops the start).
    /// </summary>
    /// <exception cref="ArgumentException">The proposer's plan is out of range (the message names the keys).</exception>
    /// <exception cref="FormatException">aggregator.genesis_file is missing or not a checkpoint.</exception>
    public static NodeParts Build(
        NodeConfig config, ContractChain chain, ContractChallenges challenges, IBlobStore blobs, IModelStore models, NodeDatabase database, ChainClock clock,
        RoleDecorator? decorator, NodeServices services, Data.Text.TextDataConfig userData, TimeSpan keeperTurn)
    {
        ArgumentNullException.ThrowIfNull(config);
        var challenger = config.Role == NodeRole.Coordinator ? NodeRoles.Challenger(config, chain, challenges, blobs, models, database, clock) : null;
        var duties = new NodeDuties(chain, challenges, clock, challenger, decorator?.Duty?.Invoke(services), keeperTurn);
        ProposerSchedule? schedule = null;
        if (config.Role == NodeRole.Proposer && config.Proposing is { } plan)
        {
            plan.Validate();
            // The proposer's chain view as its role sees it (a devnet's decorator plants a forced error before the open).
            var proposer = NodeRoles.Proposer(decorator?.Chain?.Invoke(chain) ?? chain, blobs, database, clock);
            schedule = new ProposerSchedule(chain, proposer, plan, HeldOutPool.For(config, plan, userData), config.ProjectId, clock);
        }
        var genesis = config.Role == NodeRole.Aggregator && config.GenesisFile is { } file ? new GenesisPublisher(chain, models, file, config.ProjectId) : null;
        _ = genesis is null ? null : GenesisPublisher.Read(config.GenesisFile!); // set with genesis: checked at start, not at the first poll
        return new NodeParts(duties, schedule, genesis);
    }
}
