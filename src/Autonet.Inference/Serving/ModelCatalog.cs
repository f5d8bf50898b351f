using Autonet.Models.Jepa;

namespace Autonet.Inference.Serving;

/// <summary>The models a node serves, by id; lookups of unknown ids are refused with the list of known ones.</summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly Dictionary<string, ServedModel> _byId = new(StringComparer.Ordinal);

    public ModelCatalog(IEnumerable<ServedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var model in models)
        {
            if (!_byId.TryAdd(model.Id, model))
            {
                Errors.Argument(nameof(models), $"two models are named '{model.Id}'; give each a different --name");
            }
        }
    }

    public IReadOnlyCollection<ServedModel> All => _byId.Values;

    /// <exception cref="Api.ApiException">404 model_not_found.</exception>
    public ServedModel Find(string id)
    {
        if (!_byId.TryGetValue(id, out var model))
        {
            Errors.UnknownModel(id, _byId.Keys);
        }
        return model;
    }

    /// <summary>The first text model, for a chat node's own encoder copy; null when none is loaded.</summary>
    public ServedModel? FirstText() => _byId.Values.FirstOrDefault(m => m.Modality == Modality.Text);

    public void Dispose()
    {
        foreach (var model in _byId.Values)
        {
            model.Dispose();
        }
    }
}
