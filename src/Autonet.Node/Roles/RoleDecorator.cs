// The hook a host uses to change how a node behaves without the node knowing: each function wraps one honest part
// (the chain view, the solver's trainer, the codec a solver writes its deltas and an aggregator its models with, the coordinator's scorer) before the role is built. The trainer's wrapper also gets
// the (wrapped) chain view and the shared blob store, as a node that cheats can read anything public. Duty adds a
// duty the daemon loop runs on every task each poll, built from the node's own services (a devnet's forced-error
// planter, with the proposer's key). The devnet fills it with its faults and attacks; an honest node has none, and
// nothing in Autonet.Node names a fault.
using Autonet.Protocol.Ports;

namespace Autonet.Node.Roles;

/// <summary>What wraps a node's chain view, trainer, codec and scorer before its role is built; a null member leaves that part as it is.</summary>
public sealed record RoleDecorator(
    Func<IChain, IChain>? Chain = null, Func<IDeltaTrainer, IChain, IBlobStore, IDeltaTrainer>? Trainer = null, Func<IModelCodec, IModelCodec>? Codec = null,
    Func<IDeltaScorer, IDeltaScorer>? Scorer = null,
    Func<NodeServices, Func<ulong, CancellationToken, Task>>? Duty = null);
