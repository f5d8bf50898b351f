using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ModelShardRegistry: register a model's shards (k data + m parity) and where they were placed, stake as a provider, announce shards with Merkle proofs, challenge and prove possession.</summary>
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

    /// <summary>Number of registered models; ids run from 1.</summary>
    public Task<BigInteger> ModelCountAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("modelCount", cancellationToken);

    /// <summary>The registered model <paramref name="modelId"/>; reverts UnknownModel (a <see cref="ChainException"/>) when none.</summary>
    public async Task<RegisteredModel> GetModelAsync(BigInteger modelId, CancellationToken cancellationToken)
    {
        var m = (object[])(await Raw.CallAsync("getModel", cancellationToken, modelId).ConfigureAwait(false))[0];
        return new RegisteredModel(modelId, (string)m[0], new Hash32((byte[])m[1]), (int)(BigInteger)m[2], (int)(BigInteger)m[3], (int)(BigInteger)m[4], (Address)m[5]);
    }

    /// <summary>Model ids registered with <paramref name="cid"/>, oldest first.</summary>
    public async Task<IReadOnlyList<BigInteger>> ModelsOfCidAsync(string cid, CancellationToken cancellationToken) =>
        [.. ((object[])(await Raw.CallAsync("modelsOfCid", cancellationToken, cid).ConfigureAwait(false))[0]).Cast<BigInteger>()];

    /// <summary>Records where the registrant placed each shard (provider i holds shard i) and each shard's chunk root.</summary>
    public Task<TransactionReceipt> PlaceShardsAsync(
        SigningKey registrant, BigInteger modelId, string manifestCid, long shardSize, IReadOnlyList<Address> providers, IReadOnlyList<Hash32> chunkRoots, CancellationToken cancellationToken) =>
        Raw.SendAsync(registrant, "placeShards", cancellationToken, modelId, manifestCid, (ulong)shardSize, providers.Cast<object>().ToArray(), chunkRoots.Cast<object>().ToArray());

    /// <summary>Where the shards of <paramref name="modelId"/> were placed; null before <see cref="PlaceShardsAsync"/>.</summary>
    public async Task<ShardPlacementRecord?> PlacementOfAsync(BigInteger modelId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("placementOf", cancellationToken, modelId).ConfigureAwait(false);
        var size = (BigInteger)values[1];
        return size.IsZero ? null : new ShardPlacementRecord(
            (string)values[0], (long)size, [.. ((object[])values[2]).Cast<Address>()], [.. ((object[])values[3]).Select(r => new Hash32((byte[])r))]);
    }

    /// <summary>Providers announcing shard <paramref name="shardIndex"/> of <paramref name="modelId"/>.</summary>
    public async Task<IReadOnlyList<Address>> ProvidersOfAsync(BigInteger modelId, BigInteger shardIndex, CancellationToken cancellationToken) =>
        [.. ((object[])(await Raw.CallAsync("providersOf", cancellationToken, modelId, shardIndex).ConfigureAwait(false))[0]).Cast<Address>()];

    /// <summary>Challenges <paramref name="provider"/> to prove it holds shard <paramref name="shardIndex"/>; returns the challenge id.</summary>
    public async Task<BigInteger> ChallengePossessionAsync(SigningKey challenger, BigInteger modelId, BigInteger shardIndex, Address provider, CancellationToken cancellationToken)
    {
        var receipt = await Raw.SendAsync(challenger, "challengePossession", cancellationToken, modelId, shardIndex, provider).ConfigureAwait(false);
        return (BigInteger)Raw.Events(receipt, "PossessionChallenged").Single()["challengeId"];
    }

    /// <summary>The challenged provider's answer: the drawn chunk and its proof against the shard's chunk root.</summary>
    public Task<TransactionReceipt> AnswerPossessionAsync(SigningKey provider, BigInteger challengeId, byte[] chunk, IReadOnlyList<Hash32> proof, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "answerPossession", cancellationToken, challengeId, chunk, proof.Cast<object>().ToArray());

    /// <summary>Records an unanswered challenge past its deadline as failed (slashes the provider to the challenger).</summary>
    public Task<TransactionReceipt> ExpirePossessionAsync(SigningKey caller, BigInteger challengeId, CancellationToken cancellationToken) =>
        Raw.SendAsync(caller, "expirePossession", cancellationToken, challengeId);

    /// <summary>Number of possession challenges; ids run from 1.</summary>
    public Task<BigInteger> ChallengeCountAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("challengeCount", cancellationToken);

    /// <summary>Possession challenge <paramref name="challengeId"/>.</summary>
    public async Task<PossessionChallengeRecord> ChallengeOfAsync(BigInteger challengeId, CancellationToken cancellationToken)
    {
        var c = (object[])(await Raw.CallAsync("challengeOf", cancellationToken, challengeId).ConfigureAwait(false))[0];
        return new PossessionChallengeRecord(challengeId, (BigInteger)c[0], (int)(BigInteger)c[1], (Address)c[2], (Address)c[3],
            (ulong)(BigInteger)c[4], DateTimeOffset.FromUnixTimeSeconds((long)(BigInteger)c[5]), (PossessionState)(int)(BigInteger)c[6]);
    }

    /// <summary>How many challenges <paramref name="provider"/> answered, failed, and has open.</summary>
    public async Task<(long Proven, long Failed, long Open)> PossessionRecordOfAsync(Address provider, CancellationToken cancellationToken)
    {
        var r = (object[])(await Raw.CallAsync("possessionRecordOf", cancellationToken, provider).ConfigureAwait(false))[0];
        return ((long)(BigInteger)r[0], (long)(BigInteger)r[1], (long)(BigInteger)r[2]);
    }
}
