using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Network;

/// <summary>A node as the observer knows it: its name, role, account and the role its stake is held in; no key.</summary>
public sealed record ObservedNode(string Name, NodeRole Role, Address Address, StakingRole Staking);
