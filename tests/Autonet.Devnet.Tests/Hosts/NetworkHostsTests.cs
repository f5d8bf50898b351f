using Autonet.Devnet.Hosts;

namespace Autonet.Devnet.Tests.Hosts;

/// <summary>What `network run --hosts` says, in one line, when this machine cannot make separate hosts.</summary>
public class NetworkHostsTests
{
    [Fact]
    public void Missing_NotRoot_SaysRootAndWhoIsRunning()
    {
        var missing = NetworkHosts.Missing("alice", _ => true);
        Assert.Equal("--hosts needs root for `ip netns` (running as alice); run it as root or with sudo", missing);
    }

    [Fact]
    public void Missing_NoIpCommand_SaysWhichPackage()
    {
        var missing = NetworkHosts.Missing("root", _ => false);
        Assert.Equal("--hosts needs the `ip` command (apt-get install iproute2)", missing);
    }

    [Fact]
    public void Missing_RootWithIpAndTheScript_Nothing()
    {
        Assert.Null(NetworkHosts.Missing("root", _ => true)); // scripts/netns.sh is found above the test's directory
    }
}
