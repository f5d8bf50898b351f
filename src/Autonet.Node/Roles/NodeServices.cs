using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Node.Adapters;
using Autonet.Node.State;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Roles;

/// <summary>
/// A node daemon's own parts, handed to a <see cref="RoleDecorator.Duty"/>: its contracts, its key (the duty sends as
/// this node), its blob store and state database, and where its transactions are reported (its event lines).
/// </summary>
public sealed record NodeServices(AutonetSystem Contracts, SigningKey Key, IChain Chain, IBlobStore Blobs, NodeDatabase Database, TimeProvider Clock, Action<TxRecord> OnTransaction);
