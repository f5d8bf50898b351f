// The user's node side of chat (seed 001's two-speed inference): find the conversation's latent plan, then decode
// locally. The plan comes from the cache when the context changed by at most RefreshBytes since it was made (fast
// path); otherwise a provider computes it (slow path, one round trip) and it is cached. With no provider answering,
// the node's own copy of the plan model computes it (local encoder), or the older cached plan serves (cached plan).
using Autonet.Inference.Decoding;
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;

namespace Autonet.Inference.Chat;

/// <summary>Options of a chat node.</summary>
public sealed record ChatOptions
{
    /// <summary>The id clients send as "model".</summary>
    public string ModelId { get; init; } = "autonet-chat";

    /// <summary>Bytes the context may gain before its plan is refreshed.</summary>
    public int RefreshBytes { get; init; } = 64;
}

/// <summary>Plans and decodes chat replies.</summary>
public sealed class ChatService : IDisposable
{
    private readonly Sampler _sampler;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ProviderClient? _provider;
    private readonly ServedModel? _local;
    private readonly ChatOptions _options;

    /// <exception cref="ArgumentException">The local model's K-vectors are not what the decoder was trained on.</exception>
    public ChatService(FilmDecoder decoder, string planModel, ProviderClient? provider, ServedModel? local, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(options);
        if (local is not null && (local.KVectors.K != decoder.Config.K || local.KVectors.D != decoder.Config.D))
        {
            Errors.Argument(nameof(local), $"local model '{local.Id}' gives {local.KVectors.K} x {local.KVectors.D} K-vectors; the decoder was trained on {decoder.Config.K} x {decoder.Config.D}");
        }
        (Decoder, PlanModel, _provider, _local, _options) = (decoder, planModel, provider, local, options);
        _sampler = new Sampler(decoder);
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public FilmDecoder Decoder { get; }

    /// <summary>The CID of the text JEPA the decoder's plans come from.</summary>
    public string PlanModel { get; }

    public string ModelId => _options.ModelId;

    public long Created { get; }

    public LatentPlanCache Cache { get; } = new();

    /// <summary>The plan for the reply after <paramref name="messages"/> and the path that produced it.</summary>
    /// <exception cref="Api.ApiException">503 when no provider answers, no local encoder is loaded and nothing is cached.</exception>
    public async Task<(float[] Plan, PlanPath Path, int ContextTokens)> PlanAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var ids = ConversationText.ContextIds(messages);
        var key = LatentPlanCache.KeyOf(messages);
        var cached = Cache.Find(key);
        if (cached is { } hit && LatentPlanCache.Change(hit.Context, ids, Decoder.Config.PlanContext) <= _options.RefreshBytes)
        {
            return (hit.Plan, PlanPath.Fast, ids.Length);
        }
        if (_provider is not null)
        {
            var plan = await _provider.TryKVectorsAsync(messages, Decoder.Config.K, Decoder.Config.D, cancellationToken).ConfigureAwait(false);
            if (plan is not null)
            {
                Cache.Store(key, ids, plan);
                return (plan, PlanPath.Slow, ids.Length);
            }
        }
        if (_local is not null)
        {
            var encoder = new KVectorEncoder(_local.Model);
            var plan = await _local.RunAsync(() => encoder.Encode(ids, _local.Arena), cancellationToken).ConfigureAwait(false);
            Cache.Store(key, ids, plan);
            return (plan, PlanPath.LocalEncoder, ids.Length);
        }
        if (cached is { } stale)
        {
            return (stale.Plan, PlanPath.CachedPlan, ids.Length);
        }
        Errors.Unavailable($"no provider answered{(_provider is null ? " (none configured: --provider)" : $" at {_provider.Provider}")}, no local encoder is loaded (--model) and this conversation has no cached plan");
        return default;
    }

    /// <summary>Decodes a reply; one at a time (the decoder keeps per-call activations).</summary>
    public async Task<List<int>> GenerateAsync(float[] plan, int maxTokens, double temperature, ulong seed, Action<int>? onToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _sampler.Generate(plan, maxTokens, temperature, seed, onToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
