using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Role state in a dictionary; survives a "crash" because tests keep the store and drop the role.</summary>
internal sealed class InMemoryStateStore<TState> : IStateStore<TState>
    where TState : class
{
    public Dictionary<string, TState> Saved { get; } = [];

    public Task<TState?> LoadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Saved.GetValueOrDefault(key));

    public Task SaveAsync(string key, TState state, CancellationToken cancellationToken)
    {
        Saved[key] = state;
        return Task.CompletedTask;
    }
}
