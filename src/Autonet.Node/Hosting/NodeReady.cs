using Autonet.Core.Ids;
using Autonet.Node.Roles;

namespace Autonet.Node.Hosting;

/// <summary>
/// {"event":"ready"}: a daemon (`node run`) has opened its home, key, chain, state and local data and starts polling;
/// a launcher may wait for it before starting the node that posts tasks, so no node misses a window while starting.
/// </summary>
public sealed record NodeReady(string Node, NodeRole Role, Address Account) : NodeEvent;
