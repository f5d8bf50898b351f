using Autonet.Core.Ids;
using Autonet.Node.Hosting;

namespace Autonet.Node.Adapters;

/// <summary>
/// One transaction a node sent: who, what, for which task, its hash and gas (for the run report); a node program
/// prints it as an {"event":"tx"} line.
/// </summary>
public sealed record TxRecord(Address From, string Action, ulong TaskId, Hash32 Hash, ulong Block, string Gas) : NodeEvent;
