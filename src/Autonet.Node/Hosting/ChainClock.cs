using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;

namespace Autonet.Node.Hosting;

/// <summary>
/// A <see cref="TimeProvider"/> on chain time: the latest block's timestamp, refreshed before each step. Deadlines
/// are the chain's, so a node compares them with the chain's clock (a dev chain's time may be advanced).
/// </summary>
public sealed class ChainClock(ChainClient client) : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Reads the latest block's timestamp.</summary>
    public async Task<DateTimeOffset> RefreshAsync(CancellationToken cancellationToken)
    {
        _now = DateTimeOffset.FromUnixTimeSeconds((long)await client.GetLatestTimestampAsync(cancellationToken).ConfigureAwait(false));
        return _now;
    }
}
