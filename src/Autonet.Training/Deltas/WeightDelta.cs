// Weight deltas (architecture doc, "The training round" step 2): delta = new - base for every model tensor, stored as
// safetensors with the model's names and shapes plus the manifest, so applying base + delta gives back the new model.
// Exactness: float subtraction can round (new = 1e-8, base = 1), so each element's delta is nudged by at most a few
// ulps until base + delta == new in float32. Where no float32 delta can do that (a weight moving from far larger to
// near zero: about 1 in 200 after a few steps), the new value's bits are stored as a fix-up in the metadata
// ("autonet.exact_fixups"), so tensors keep the model's names and shapes and Apply still reproduces new bit for bit.
using System.Globalization;
using System.Text.Json;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Training.Jepa;

namespace Autonet.Training.Deltas;

/// <summary>Compute, save, load and apply model weight deltas.</summary>
public static class WeightDelta
{
    public const string KindKey = "autonet.kind";
    public const string KindValue = "delta";
    public const string FixupsKey = "autonet.exact_fixups";

    /// <summary>delta = updated - base for every tensor of the model (encoder, predictor, target), same names and shapes.</summary>
    /// <param name="baseModel">The model the delta starts from.</param>
    /// <param name="updated">The trained model.</param>
    /// <param name="inexact">Elements where no float32 delta reproduces the new value exactly (Save stores them as fix-ups).</param>
    public static List<KeyValuePair<string, Tensor>> Compute(JepaModel baseModel, JepaModel updated, out long inexact) =>
        Compute(baseModel, updated, out inexact, null);

    private static List<KeyValuePair<string, Tensor>> Compute(JepaModel baseModel, JepaModel updated, out long inexact, List<(string Name, int Index, uint Bits)>? fixups)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(updated);
        if (baseModel.Config != updated.Config)
        {
            Errors.Delta("the two models have different configs; a delta needs the same architecture");
        }
        var result = new List<KeyValuePair<string, Tensor>>();
        inexact = 0;
        var b = JepaCheckpoint.ModelTensors(baseModel).ToList();
        var n = JepaCheckpoint.ModelTensors(updated).ToList();
        for (var i = 0; i < b.Count; i++)
        {
            var d = Tensor.Zeros(b[i].Value.Shape);
            inexact += Subtract(n[i].Value.Span, b[i].Value.Span, d.Span, b[i].Key, fixups);
            result.Add(new(b[i].Key, d));
        }
        return result;
    }

    /// <summary>Writes a delta between two models as safetensors with the manifest; returns the count of fix-ups stored.</summary>
    public static long Save(string path, JepaModel baseModel, JepaModel updated)
    {
        var fixups = new List<(string Name, int Index, uint Bits)>();
        var tensors = Compute(baseModel, updated, out var inexact, fixups);
        var metadata = new Dictionary<string, string>
        {
            [ModelManifest.MetadataKey] = ModelManifest.For(baseModel.Config).ToJson(),
            [KindKey] = KindValue,
            [FixupsKey] = JsonSerializer.Serialize(fixups.Select(f => new object[] { f.Name, f.Index, f.Bits.ToString("X8", CultureInfo.InvariantCulture) })),
        };
        JepaCheckpoint.WriteAtomically(path, tensors, metadata);
        return inexact;
    }

    /// <summary>model += delta from a file (every tensor, in place).</summary>
    /// <exception cref="InvalidDataException">Not a delta, another architecture, a missing tensor, a wrong shape or a non-finite value.</exception>
    public static void Apply(JepaModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = JepaCheckpoint.Read(path);
        if (!data.Metadata.TryGetValue(KindKey, out var kind) || kind != KindValue)
        {
            Errors.Delta($"'{path}' is not a delta (metadata '{KindKey}' is '{kind}', expected '{KindValue}')");
        }
        var manifest = JepaCheckpoint.ManifestOf(path, data);
        if (manifest.Config != model.Config)
        {
            Errors.Delta($"'{path}' is for {manifest.ToJson()}, the model is {ModelManifest.For(model.Config).ToJson()}");
        }
        var byName = data.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        foreach (var (name, value) in JepaCheckpoint.ModelTensors(model))
        {
            if (!byName.TryGetValue(name, out var d) || !d.Shape.AsSpan().SequenceEqual(value.Shape))
            {
                Errors.Delta($"'{path}' lacks tensor '{name}' with shape ({string.Join(", ", value.Shape)})");
            }
            var ds = d.Span;
            for (var i = 0; i < ds.Length; i++)
            {
                if (!float.IsFinite(ds[i]))
                {
                    Errors.Delta($"'{path}' tensor '{name}' element {i} is {ds[i]}; deltas must be finite");
                }
            }
            AddInPlace(value.Span, ds);
        }
        ApplyFixups(model, path, data.Metadata);
    }

    /// <summary>Applies delta tensors already in memory (same as <see cref="Apply(JepaModel, string)"/> without the file).</summary>
    public static void Apply(JepaModel model, IReadOnlyList<KeyValuePair<string, Tensor>> delta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(delta);
        var byName = delta.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        foreach (var (name, value) in JepaCheckpoint.ModelTensors(model))
        {
            AddInPlace(value.Span, byName[name].Span);
        }
    }

    private static void ApplyFixups(JepaModel model, string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(FixupsKey, out var json))
        {
            return;
        }
        var byName = JepaCheckpoint.ModelTensors(model).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        foreach (var entry in JsonSerializer.Deserialize<JsonElement[][]>(json) ?? [])
        {
            var name = entry.Length == 3 ? entry[0].GetString() ?? "" : "";
            if (!byName.TryGetValue(name, out var tensor) || !entry[1].TryGetInt32(out var index) || (uint)index >= (uint)tensor.Length
                || !uint.TryParse(entry[2].GetString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits))
            {
                Errors.Delta($"'{path}' has a malformed fix-up {JsonSerializer.Serialize(entry)}: expected [tensor name, index in range, 8 hex digits]");
                return;
            }
            tensor.Span[index] = BitConverter.UInt32BitsToSingle(bits);
        }
    }

    // w += d elementwise in float32: the operation every node performs, so Compute targets exactly this.
    private static void AddInPlace(Span<float> w, ReadOnlySpan<float> d)
    {
        for (var i = 0; i < w.Length; i++)
        {
            w[i] += d[i];
        }
    }

    private static long Subtract(ReadOnlySpan<float> updated, ReadOnlySpan<float> baseline, Span<float> delta, string name, List<(string Name, int Index, uint Bits)>? fixups)
    {
        long inexact = 0;
        for (var i = 0; i < delta.Length; i++)
        {
            var d = updated[i] - baseline[i];
            if (baseline[i] + d != updated[i])
            {
                d = Nudge(baseline[i], updated[i], d);
                if (baseline[i] + d != updated[i])
                {
                    inexact++;
                    fixups?.Add((name, i, BitConverter.SingleToUInt32Bits(updated[i])));
                }
            }
            delta[i] = d;
        }
        return inexact;
    }

    // Up to 4 ulps either way from the rounded difference, keeping the first that reproduces the target.
    private static float Nudge(float baseline, float target, float d)
    {
        var (up, down) = (d, d);
        for (var k = 0; k < 4; k++)
        {
            up = MathF.BitIncrement(up);
            down = MathF.BitDecrement(down);
            if (baseline + up == target)
            {
                return up;
            }
            if (baseline + down == target)
            {
                return down;
            }
        }
        return d;
    }
}
