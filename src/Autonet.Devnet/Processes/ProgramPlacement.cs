namespace Autonet.Devnet.Processes;

/// <summary>
/// Where a node program runs: on this host (no launcher), or on a separate host through a launcher put before the
/// command (`ip netns exec HOST`), with environment variables of its own (an upload token for gateways on other hosts).
/// </summary>
public sealed record ProgramPlacement(IReadOnlyList<string> Launcher, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>This host, nothing added.</summary>
    public static ProgramPlacement Here { get; } = new([], new Dictionary<string, string>());
}
