namespace Autonet.Scenarios;

/// <summary>A fact that needs separate hosts (scripts/netns.sh): skipped, with the reason, when not root or without `ip`.</summary>
public sealed class HostsFactAttribute : FactAttribute
{
    public HostsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "separate hosts need Linux network namespaces";
        }
        else if (Environment.UserName != "root")
        {
            Skip = $"separate hosts need root for `ip netns` (running as {Environment.UserName})";
        }
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            Skip = "separate hosts need `ip` (apt-get install iproute2)";
        }
    }
}
