// Model and delta bytes: safetensors (readable by PyTorch) with names "encoder.*", "predictor.*", "target.encoder.*",
// and a manifest in the metadata (format, version, architecture, config) so any node rebuilds the same network.
// A delta has the same names and shapes as the model it applies to and a "autonet.delta" metadata entry.
using System.Text.Json;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Tensors.Memory;

namespace Autonet.Node.Training;

/// <summary>Serializes <see cref="JepaNet"/> models and flat deltas, checking names, shapes and the manifest.</summary>
internal static class ModelCodec
{
    public const string ManifestKey = "autonet.manifest";
    public const string DeltaKey = "autonet.delta";
    public const string Format = "autonet-node-ijepa";
    public const int Version = 1;

    public static byte[] Serialize(JepaNet net) => Write(Named(net), new Dictionary<string, string> { [ManifestKey] = Manifest(net.Config) });

    public static JepaNet Deserialize(byte[] bytes)
    {
        var data = Read(bytes, "model");
        if (!data.Metadata.TryGetValue(ManifestKey, out var manifest))
        {
            throw new FormatException($"model has no '{ManifestKey}' metadata; it was not written by an Autonet node");
        }
        var net = new JepaNet(ParseManifest(manifest));
        var flat = Collect(net, data, "model");
        net.Unflatten(flat);
        return net;
    }

    /// <summary>A delta's values in the model's flat order; throws naming the first wrong name or shape.</summary>
    public static float[] DecodeDelta(JepaNet baseNet, byte[] delta)
    {
        var data = Read(delta, "delta");
        if (!data.Metadata.ContainsKey(DeltaKey))
        {
            throw new FormatException($"delta has no '{DeltaKey}' metadata entry");
        }
        return Collect(baseNet, data, "delta");
    }

    public static byte[] SerializeDelta(JepaNet layout, float[] flat, bool flattenFirst = false)
    {
        var offset = 0;
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, p) in Named(layout))
        {
            tensors.Add(new(name, new Tensor(flat, offset, flattenFirst && offset == 0 ? [p.Length] : p.Shape)));
            offset += p.Length;
        }
        return Write(tensors, new Dictionary<string, string> { [DeltaKey] = "1", [ManifestKey] = Manifest(layout.Config) });
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Named(JepaNet net) =>
        Params(net).Select(t => new KeyValuePair<string, Tensor>(t.Name, t.Parameter.ValueTensor));

    private static IEnumerable<(string Name, Parameter Parameter)> Params(JepaNet net) =>
        net.Encoder.Parameters.Select(p => (p.Name, p))
            .Concat(net.Predictor.Parameters.Select(p => (p.Name, p)))
            .Concat(net.Target.Parameters.Select(p => ("target." + p.Name, p)));

    private static float[] Collect(JepaNet net, SafetensorsData data, string what)
    {
        var flat = new float[net.ParameterCount];
        var expected = Params(net).ToList();
        if (data.Tensors.Count != expected.Count)
        {
            throw new FormatException($"{what} has {data.Tensors.Count} tensors, the model has {expected.Count}");
        }
        var byName = data.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var offset = 0;
        foreach (var (name, p) in expected)
        {
            if (!byName.TryGetValue(name, out var t))
            {
                throw new FormatException($"{what} lacks tensor '{name}'");
            }
            if (!t.Shape.AsSpan().SequenceEqual(p.Shape))
            {
                throw new FormatException($"{what} tensor '{name}' has shape [{string.Join(",", t.Shape)}], the model's is [{string.Join(",", p.Shape)}]");
            }
            t.Span.CopyTo(flat.AsSpan(offset, p.Length));
            offset += p.Length;
        }
        return flat;
    }

    private static string Manifest(JepaNetConfig config) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["format"] = Format, ["version"] = Version, ["architecture"] = "i-jepa", ["config"] = config });

    private static JepaNetConfig ParseManifest(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var format = root.GetProperty("format").GetString();
        var version = root.GetProperty("version").GetInt32();
        if (format != Format || version != Version)
        {
            throw new FormatException($"model manifest is {format} v{version}; this node reads {Format} v{Version}");
        }
        return JepaNetConfig.Parse(root.GetProperty("config").GetRawText());
    }

    private static SafetensorsData Read(byte[] bytes, string what)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return Safetensors.Read(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"{what} is not a readable safetensors file ({bytes.Length} bytes): {e.Message}", e);
        }
    }

    private static byte[] Write(IEnumerable<KeyValuePair<string, Tensor>> tensors, Dictionary<string, string> metadata)
    {
        using var stream = new MemoryStream();
        Safetensors.Write(stream, tensors, metadata);
        return stream.ToArray();
    }
}
