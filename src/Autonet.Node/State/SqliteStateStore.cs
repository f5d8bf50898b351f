using System.Text.Json;
using Autonet.Protocol.Ports;

namespace Autonet.Node.State;

/// <summary>A role's <see cref="IStateStore{TState}"/> on the node's SQLite database, one JSON row per key.</summary>
public sealed class SqliteStateStore<TState>(NodeDatabase database) : IStateStore<TState>
    where TState : class
{
    public Task<TState?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var json = database.Get(key);
        if (json is null)
        {
            return Task.FromResult<TState?>(null);
        }
        try
        {
            return Task.FromResult(JsonSerializer.Deserialize<TState>(json, IdJsonConverters.Options));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"saved state '{key}' in {database.Path} is not a {typeof(TState).Name}: {e.Message}", e);
        }
    }

    public Task SaveAsync(string key, TState state, CancellationToken cancellationToken)
    {
        database.Put(key, JsonSerializer.Serialize(state, IdJsonConverters.Options));
        return Task.CompletedTask;
    }
}
