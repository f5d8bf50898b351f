// A JEPA model as bytes (what the network stores and publishes) and as one flat array (what deltas and aggregation
// work on). The bytes are exactly what JepaCheckpoint.SaveModel writes: safetensors with "encoder.*", "predictor.*",
// "target.encoder.*" and the manifest, so `autonet eval probe` reads a published model as it is. The flat order is
// the arenas in turn (encoder, predictor, target), which is also the order of JepaCheckpoint.ModelTensors.
using System.Diagnostics.CodeAnalysis;
using Autonet.Models.Jepa;
using Autonet.Tensors.IO;

namespace Autonet.Training.Jepa;

/// <summary>Serializes, decodes, flattens and restores <see cref="JepaModel"/>s.</summary>
public static class ModelBytes
{
    /// <summary>The model file's bytes (weights and manifest).</summary>
    public static byte[] Serialize(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        Safetensors.Write(stream, JepaCheckpoint.ModelTensors(model), new Dictionary<string, string> { [ModelManifest.MetadataKey] = ModelManifest.For(model.Config).ToJson() });
        return stream.ToArray();
    }

    /// <summary>Decodes untrusted model bytes; false with the reason when they are not a complete Autonet model.</summary>
    public static bool TryDeserialize(byte[] bytes, [NotNullWhen(true)] out JepaModel? model, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        model = null;
        if (!TryRead(bytes, "model", out var data, out reason))
        {
            return false;
        }
        if (!data.Metadata.TryGetValue(ModelManifest.MetadataKey, out var json))
        {
            reason = $"model has no '{ModelManifest.MetadataKey}' metadata; it was not written by Autonet";
            return false;
        }
        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Parse(json);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            reason = $"model manifest is invalid: {e.Message}";
            return false;
        }
        var decoded = new JepaModel(manifest.Config);
        if (!TryCollect(decoded, data, "model", out var flat, out reason))
        {
            return false;
        }
        Unflatten(decoded, flat);
        model = decoded;
        return true;
    }

    /// <summary>Decodes model bytes the caller trusts (its own files); throws <see cref="FormatException"/> with the reason.</summary>
    public static JepaModel Deserialize(byte[] bytes) =>
        TryDeserialize(bytes, out var model, out var reason) ? model : throw new FormatException(reason);

    /// <summary>Every value in one array: encoder, predictor, target.</summary>
    public static float[] Flatten(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (e, p) = (model.Encoder.Count, model.Predictor.Count);
        var flat = new float[ParameterCount(model)];
        model.Encoder.Values.CopyTo(flat, 0);
        model.Predictor.Values.CopyTo(flat, e);
        model.Target.Values.CopyTo(flat, e + p);
        return flat;
    }

    /// <summary>Overwrites every value from <see cref="Flatten"/>'s layout.</summary>
    /// <exception cref="ArgumentException">The array's length is not the model's parameter count.</exception>
    public static void Unflatten(JepaModel model, ReadOnlySpan<float> flat)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (e, p) = (model.Encoder.Count, model.Predictor.Count);
        if (flat.Length != ParameterCount(model))
        {
            throw new ArgumentException($"{flat.Length} values for a model of {ParameterCount(model)} parameters", nameof(flat));
        }
        flat[..e].CopyTo(model.Encoder.Values);
        flat.Slice(e, p).CopyTo(model.Predictor.Values);
        flat.Slice(e + p, model.Target.Count).CopyTo(model.Target.Values);
    }

    /// <summary>A new model with the same config and values (what training or scoring changes instead of a shared base).</summary>
    public static JepaModel Copy(JepaModel source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var model = new JepaModel(source.Config);
        Unflatten(model, Flatten(source));
        return model;
    }

    /// <summary>Parameters of the model: encoder, predictor and target together (the length of every delta).</summary>
    public static int ParameterCount(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Encoder.Count + model.Predictor.Count + model.Target.Count;
    }

    internal static bool TryRead(byte[] bytes, string what, [NotNullWhen(true)] out SafetensorsData? data, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            data = Safetensors.Read(stream);
            reason = null;
            return true;
        }
        catch (InvalidDataException e)
        {
            // Safetensors.Read's only error for malformed bytes (its fuzz target holds it to that).
            data = null;
            reason = $"{what} is not a readable safetensors file ({bytes.Length} bytes): {e.Message}";
            return false;
        }
    }

    // The tensors of data in the model's flat order, checking count, names and shapes against the model.
    internal static bool TryCollect(JepaModel model, SafetensorsData data, string what, [NotNullWhen(true)] out float[]? flat, [NotNullWhen(false)] out string? reason)
    {
        var expected = JepaCheckpoint.ModelTensors(model).ToList();
        flat = null;
        if (data.Tensors.Count != expected.Count)
        {
            reason = $"{what} has {data.Tensors.Count} tensors, the model has {expected.Count}";
            return false;
        }
        var values = new float[expected.Sum(t => t.Value.Length)];
        var byName = new Dictionary<string, Autonet.Tensors.Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in data.Tensors)
        {
            byName[name] = tensor;
        }
        var offset = 0;
        foreach (var (name, p) in expected)
        {
            if (!byName.TryGetValue(name, out var t))
            {
                reason = $"{what} lacks tensor '{name}'";
                return false;
            }
            if (!t.Shape.AsSpan().SequenceEqual(p.Shape))
            {
                reason = $"{what} tensor '{name}' has shape [{string.Join(",", t.Shape)}], the model's is [{string.Join(",", p.Shape)}]";
                return false;
            }
            t.Span.CopyTo(values.AsSpan(offset, p.Length));
            offset += p.Length;
        }
        flat = values;
        reason = null;
        return true;
    }
}
