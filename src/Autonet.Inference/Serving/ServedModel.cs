// One model a node serves: its id in the API, the decoded JEPA, where it came from (a file, or a project's published
// round with its CID and Merkle root) and its K-vector shape. The encoder modules keep per-call state for backward,
// so one request at a time runs a model: Gate serialises them (inference is CPU-bound; queueing costs nothing extra).
using Autonet.Models.Jepa;

namespace Autonet.Inference.Serving;

/// <summary>A loaded model and what /v1/models says about it.</summary>
public sealed class ServedModel : IDisposable
{
    public ServedModel(string id, JepaModel model, string source, long created)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(model);
        Id = id;
        Model = model;
        Source = source;
        Created = created;
        KVectors = KVectorShape.Of(model.Config);
    }

    public string Id { get; }

    public JepaModel Model { get; }

    /// <summary>"file:PATH" or "project:N round:R cid:… root:0x…".</summary>
    public string Source { get; }

    /// <summary>Unix seconds (OpenAI's "created").</summary>
    public long Created { get; }

    public KVectorShape KVectors { get; }

    /// <summary>The content id of the model file's bytes.</summary>
    public Autonet.Core.Ids.ContentId? Cid { get; init; }

    public Modality Modality => Model.Config.Modality;

    /// <summary>Held while a request runs the model.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Activations of the request holding <see cref="Gate"/>; after the first request no call allocates them again.</summary>
    public Autonet.Tensors.Memory.ActivationArena Arena { get; } = new();

    /// <summary>Runs <paramref name="work"/> with the model to itself.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            Gate.Release();
        }
    }

    public void Dispose() => Gate.Dispose();
}
