namespace Autonet.Protocol.Ports;

/// <summary>
/// Where a role keeps what must survive a crash (salts, pending reveals, votes cast). Node implements it on SQLite;
/// a role saves before the transaction that depends on it, so a restart never loses a salt.
/// </summary>
public interface IStateStore<TState>
    where TState : class
{
    /// <summary>The saved state for <paramref name="key"/>; null when none was saved.</summary>
    Task<TState?> LoadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Saves (replaces) the state for <paramref name="key"/> durably before returning.</summary>
    Task SaveAsync(string key, TState state, CancellationToken cancellationToken);
}
