namespace Autonet.Tensors.IO;

/// <summary>The tensors (in file order) and the string metadata of one safetensors file.</summary>
public sealed record SafetensorsData(IReadOnlyList<KeyValuePair<string, Tensor>> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    public Tensor this[string name] => Tensors.FirstOrDefault(t => t.Key == name).Value
        ?? throw new KeyNotFoundException($"safetensors: no tensor named '{name}' among {Tensors.Count}");
}
