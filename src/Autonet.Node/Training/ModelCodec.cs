// Model and delta bytes for the network: a model is exactly what `JepaCheckpoint.SaveModel` writes (safetensors with
// "encoder.*", "predictor.*", "target.encoder.*" and the Autonet.Models manifest), so `autonet eval probe` reads a
// published network model as it is. A delta has the same names and shapes plus an "autonet.delta" metadata entry;
// flat values follow the arenas in order (encoder, predictor, target), the layout aggregation works on.
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Training.Jepa;

namespace Autonet.Node.Training;

/// <summary>Serializes <see cref="JepaModel"/>s and flat deltas, checking names, shapes and the manifest.</summary>
public static class ModelCodec
{
    public const string DeltaKey = "autonet.delta";

    public static byte[] Serialize(JepaModel model) => Write(JepaCheckpoint.ModelTensors(model), Metadata(model, delta: false));

    /// <exception cref="FormatException">Not safetensors, no valid manifest, or a missing or misshapen tensor.</exception>
    public static JepaModel Deserialize(byte[] bytes)
    {
        var data = Read(bytes, "model");
        if (!data.Metadata.TryGetValue(ModelManifest.MetadataKey, out var json))
        {
            throw new FormatException($"model has no '{ModelManifest.MetadataKey}' metadata; it was not written by Autonet");
        }
        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Parse(json);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
        var model = new JepaModel(manifest.Config);
        Unflatten(model, Collect(model, data, "model"));
        return model;
    }

    /// <summary>A delta's values in the model's flat order; throws naming the first wrong name or shape.</summary>
    public static float[] DecodeDelta(JepaModel baseModel, byte[] delta)
    {
        var data = Read(delta, "delta");
        if (!data.Metadata.ContainsKey(DeltaKey))
        {
            throw new FormatException($"delta has no '{DeltaKey}' metadata entry");
        }
        return Collect(baseModel, data, "delta");
    }

    /// <summary>A delta with the layout's names and shapes (<paramref name="flattenFirst"/>: the first tensor made 1-D, for the bad-shape scenario).</summary>
    public static byte[] SerializeDelta(JepaModel layout, float[] flat, bool flattenFirst = false)
    {
        var offset = 0;
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, t) in JepaCheckpoint.ModelTensors(layout))
        {
            tensors.Add(new(name, new Tensor(flat, offset, flattenFirst && offset == 0 ? [t.Length] : t.Shape)));
            offset += t.Length;
        }
        return Write(tensors, Metadata(layout, delta: true));
    }

    /// <summary>Every value in one array: encoder, predictor, target.</summary>
    public static float[] Flatten(JepaModel model)
    {
        var (e, p) = (model.Encoder.Count, model.Predictor.Count);
        var flat = new float[e + p + model.Target.Count];
        model.Encoder.Values.CopyTo(flat, 0);
        model.Predictor.Values.CopyTo(flat, e);
        model.Target.Values.CopyTo(flat, e + p);
        return flat;
    }

    /// <summary>Overwrites every value from <see cref="Flatten"/>'s layout.</summary>
    public static void Unflatten(JepaModel model, ReadOnlySpan<float> flat)
    {
        var (e, p) = (model.Encoder.Count, model.Predictor.Count);
        flat[..e].CopyTo(model.Encoder.Values);
        flat.Slice(e, p).CopyTo(model.Predictor.Values);
        flat.Slice(e + p, model.Target.Count).CopyTo(model.Target.Values);
    }

    private static Dictionary<string, string> Metadata(JepaModel model, bool delta)
    {
        var metadata = new Dictionary<string, string> { [ModelManifest.MetadataKey] = ModelManifest.For(model.Config).ToJson() };
        if (delta)
        {
            metadata[DeltaKey] = "1";
        }
        return metadata;
    }

    private static float[] Collect(JepaModel model, SafetensorsData data, string what)
    {
        var expected = JepaCheckpoint.ModelTensors(model).ToList();
        if (data.Tensors.Count != expected.Count)
        {
            throw new FormatException($"{what} has {data.Tensors.Count} tensors, the model has {expected.Count}");
        }
        var flat = new float[expected.Sum(t => t.Value.Length)];
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
