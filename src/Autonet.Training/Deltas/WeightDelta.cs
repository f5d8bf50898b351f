// The one weight-delta format (ARCHITECTURE.md "The training round", step 2; docs/formats.md "Weight delta"): a
// safetensors file with the model's tensor names and shapes, values delta = fl32(new - base) element by element,
// and metadata "autonet.kind" = "delta" plus the base model's manifest. Nothing else: the tensors are the whole
// delta, so anyone averaging raw delta tensors gets exactly what a node aggregates. Applying is w += delta in
// float32; it reproduces `new` to within rounding (|base + delta - new| <= ulp(new) + ulp(new - base)).
// Untrusted deltas go through TryDecode, the one place that checks names, shapes, manifest and finiteness.
using System.Diagnostics.CodeAnalysis;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Training.Jepa;

namespace Autonet.Training.Deltas;

/// <summary>Compute, encode, decode and apply model weight deltas.</summary>
public static class WeightDelta
{
    public const string KindKey = "autonet.kind";
    public const string KindValue = "delta";

    /// <summary>updated - base for every model value (encoder, predictor, target), in <see cref="ModelBytes.Flatten"/> order.</summary>
    /// <exception cref="InvalidDataException">The two models have different configs.</exception>
    public static float[] Compute(JepaModel baseModel, JepaModel updated)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(updated);
        if (baseModel.Config != updated.Config)
        {
            Errors.Delta("the two models have different configs; a delta needs the same architecture");
        }
        var delta = ModelBytes.Flatten(updated);
        var start = ModelBytes.Flatten(baseModel);
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] -= start[i];
        }
        return delta;
    }

    /// <summary>The delta's bytes: <paramref name="flat"/> laid out with the names and shapes of <paramref name="layout"/>.</summary>
    public static byte[] Encode(JepaModel layout, float[] flat)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(flat);
        using var stream = new MemoryStream();
        Autonet.Tensors.IO.Safetensors.Write(stream, Tensors(layout, flat), Metadata(layout.Config));
        return stream.ToArray();
    }

    /// <summary>
    /// Decodes an untrusted delta for <paramref name="baseModel"/>: false with the reason when it is not a delta, is
    /// for another architecture, lacks a tensor, has a wrong shape or holds a non-finite value.
    /// </summary>
    public static bool TryDecode(JepaModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? flat, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(bytes);
        flat = null;
        if (!ModelBytes.TryRead(bytes, "delta", out var data, out reason))
        {
            return false;
        }
        if (!data.Metadata.TryGetValue(KindKey, out var kind) || kind != KindValue)
        {
            reason = $"not a delta: metadata '{KindKey}' is '{kind}', expected '{KindValue}'";
            return false;
        }
        var expected = ModelManifest.For(baseModel.Config).ToJson();
        if (!data.Metadata.TryGetValue(ModelManifest.MetadataKey, out var manifest) || manifest != expected)
        {
            reason = $"delta is for {manifest ?? "no manifest"}, the base model is {expected}";
            return false;
        }
        if (!ModelBytes.TryCollect(baseModel, data, "delta", out var values, out reason))
        {
            return false;
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                reason = $"delta value {i} is {values[i]}; deltas must be finite";
                return false;
            }
        }
        flat = values;
        return true;
    }

    /// <summary>Writes updated - base to <paramref name="path"/> (atomically).</summary>
    public static void Save(string path, JepaModel baseModel, JepaModel updated)
    {
        var delta = Compute(baseModel, updated);
        JepaCheckpoint.WriteAtomically(path, Tensors(baseModel, delta), Metadata(baseModel.Config));
    }

    /// <summary>model += the delta in the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid delta for this model (the message says why).</exception>
    public static void Apply(JepaModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path))
        {
            Errors.Delta($"'{path}' does not exist");
        }
        if (!TryDecode(model, File.ReadAllBytes(path), out var flat, out var reason))
        {
            Errors.Delta($"'{path}': {reason}");
        }
        Apply(model, flat);
    }

    /// <summary>model += flat, in float32, element by element (the operation every node performs).</summary>
    /// <exception cref="ArgumentException">The delta's length is not the model's parameter count.</exception>
    public static void Apply(JepaModel model, ReadOnlySpan<float> flat)
    {
        var values = ModelBytes.Flatten(model);
        if (flat.Length != values.Length)
        {
            throw new ArgumentException($"delta has {flat.Length} values, the model {values.Length}", nameof(flat));
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += flat[i];
        }
        ModelBytes.Unflatten(model, values);
    }

    private static List<KeyValuePair<string, Tensor>> Tensors(JepaModel layout, float[] flat)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        var offset = 0;
        foreach (var (name, t) in JepaCheckpoint.ModelTensors(layout))
        {
            tensors.Add(new(name, new Tensor(flat, offset, t.Shape)));
            offset += t.Length;
        }
        if (offset != flat.Length)
        {
            throw new ArgumentException($"delta has {flat.Length} values, the model {offset}", nameof(flat));
        }
        return tensors;
    }

    private static Dictionary<string, string> Metadata(JepaConfig config) => new()
    {
        [ModelManifest.MetadataKey] = ModelManifest.For(config).ToJson(),
        [KindKey] = KindValue,
    };
}
