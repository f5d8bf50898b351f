using Autonet.Node.Roles;

namespace Autonet.Devnet.Processes;

/// <summary>A node daemon that died and was started again: its exit code, the task it last spoke of and its last words.</summary>
public sealed record DaemonDeath(string Node, NodeRole Role, int ExitCode, ulong TaskId, string Message);
