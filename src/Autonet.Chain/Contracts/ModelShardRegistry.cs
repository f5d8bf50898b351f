using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ModelShardRegistry: register a model's shards (k data + m parity), stake as a provider, announce shards with Merkle proofs.</summary>
public sealed class ModelShardRegistry(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>Registers a model and returns its id (from ModelRegistered).</summary>
    public async Task<BigInteger> RegisterModelAsync(SigningKey from, string cid, Hash32 merkleRoot, ushort dataShards, ushort parityShards, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(from, "registerModel", cancellationToken, cid, merkleRoot, (uint)dataShards, (uint)parityShards).ConfigureAwait(false);
        return (BigInteger)Raw.Events(receipt, "ModelRegistered").Single()["modelId"];
    }

    public Task<TransactionReceipt> StakeProviderAsync(SigningKey provider, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "stakeProvider", cancellationToken, amount);

    public Task<TransactionReceipt> UnstakeProviderAsync(SigningKey provider, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "unstakeProvider", cancellationToken, amount);

    /// <summary>The stake a provider needs before it may announce shards (or list itself in ProviderRegistry).</summary>
    public Task<BigInteger> MinimumProviderStakeAsync(CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("minimumProviderStake", cancellationToken);

    /// <summary>A provider's stake (providerOf(provider).stake).</summary>
    public async Task<BigInteger> ProviderStakeAsync(Address provider, CancellationToken cancellationToken) =>
        (BigInteger)(await Raw.CallAsync<object[]>("providerOf", cancellationToken, provider).ConfigureAwait(false))[0];

    public Task<TransactionReceipt> AnnounceShardAsync(SigningKey provider, BigInteger modelId, BigInteger shardIndex, Hash32 shardHash, IReadOnlyList<Hash32> proof, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "announceShard", cancellationToken, modelId, shardIndex, shardHash, proof.Cast<object>().ToArray());

    public Task<bool> VerifyShardAsync(BigInteger modelId, BigInteger shardIndex, Hash32 shardHash, IReadOnlyList<Hash32> proof, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("verifyShard", cancellationToken, modelId, shardIndex, shardHash, proof.Cast<object>().ToArray());

    /// <summary>The Merkle leaf the contract expects for a shard (its own leaf hashing, so callers build matching trees).</summary>
    public async Task<Hash32> ShardLeafAsync(BigInteger shardIndex, Hash32 shardHash, CancellationToken cancellationToken) =>
        new(await Raw.CallAsync<byte[]>("shardLeaf", cancellationToken, shardIndex, shardHash).ConfigureAwait(false));

    public Task<bool> IsRecoverableAsync(BigInteger modelId, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isRecoverable", cancellationToken, modelId);

    /// <summary>Distinct shards held, shards needed to recover (k), and total shards (k + m).</summary>
    public async Task<(BigInteger Held, BigInteger Needed, BigInteger Total)> AvailabilityAsync(BigInteger modelId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("availability", cancellationToken, modelId).ConfigureAwait(false);
        return ((BigInteger)values[0], (BigInteger)values[1], (BigInteger)values[2]);
    }
}
