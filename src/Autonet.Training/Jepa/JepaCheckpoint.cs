// Checkpoints as one safetensors file (readable by torch's safetensors): "encoder.*", "predictor.*", the EMA target as
// "target.encoder.*", and for resume the AdamW moments as "optim.m.<name>" / "optim.v.<name>". The metadata carries
// the model manifest, the step, the AdamW step count and the training options as JSON; a multimodal run with an InfoNCE
// queue adds its queues as "queue.<name>" (KeyQueue.Save's floats). Written to a temp file and
// renamed, so a crash never leaves a half-written checkpoint under the final name.
using System.Globalization;
using System.Text.Json;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Optim;

namespace Autonet.Training.Jepa;

/// <summary>Save and load JEPA checkpoints (weights, EMA target, optimizer state, step, manifest).</summary>
public static class JepaCheckpoint
{
    public const string StepKey = "autonet.step";
    public const string OptionsKey = "autonet.training_options";
    private const string AdamStepKey = "autonet.adam_step";
    private const string QueuePrefix = "queue.";

    /// <summary>Saves a full checkpoint for resume (weights, target, moments, step, options).</summary>
    public static void Save(string path, JepaTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var model = trainer.Model;
        var tensors = ModelTensors(model).ToList();
        tensors.AddRange(Moments(model.Encoder, trainer.EncoderOptimizer));
        tensors.AddRange(Moments(model.Predictor, trainer.PredictorOptimizer));
        foreach (var (name, queue) in model.KeyQueues)
        {
            var state = queue.Save();
            tensors.Add(new(QueuePrefix + name, new Tensor(state, 0, state.Length)));
        }
        var metadata = new Dictionary<string, string>
        {
            [ModelManifest.MetadataKey] = ModelManifest.For(model.Config).ToJson(),
            [StepKey] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            [AdamStepKey] = trainer.EncoderOptimizer.Step.ToString(CultureInfo.InvariantCulture),
            [OptionsKey] = JsonSerializer.Serialize(trainer.Options),
        };
        WriteAtomically(path, tensors, metadata);
    }

    /// <summary>Weights only (encoder, predictor, target) with the manifest: what a node publishes.</summary>
    public static void SaveModel(string path, JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string> { [ModelManifest.MetadataKey] = ModelManifest.For(model.Config).ToJson() };
        WriteAtomically(path, ModelTensors(model), metadata);
    }

    /// <summary>Rebuilds the model its manifest describes and loads its weights.</summary>
    /// <exception cref="InvalidDataException">Not a safetensors file, no or bad manifest, a missing tensor or a wrong shape.</exception>
    public static JepaModel LoadModel(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        var data = Read(path);
        metadata = data.Metadata;
        var model = new JepaModel(ManifestOf(path, data).Config);
        var byName = data.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        CopyInto(path, byName, model.Encoder, "");
        CopyInto(path, byName, model.Predictor, "");
        CopyInto(path, byName, model.Target, JepaModel.TargetPrefix);
        return model;
    }

    public static JepaModel LoadModel(string path) => LoadModel(path, out _);

    /// <summary>Restores weights, moments and step into a trainer built with the checkpoint's config and options.</summary>
    public static void Resume(string path, JepaTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var data = Read(path);
        var manifest = ManifestOf(path, data);
        if (manifest.Config != trainer.Model.Config)
        {
            Errors.Checkpoint(path, $"its config {manifest.ToJson()} differs from the run's {ModelManifest.For(trainer.Model.Config).ToJson()}");
        }
        var byName = data.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var model = trainer.Model;
        CopyInto(path, byName, model.Encoder, "");
        CopyInto(path, byName, model.Predictor, "");
        CopyInto(path, byName, model.Target, JepaModel.TargetPrefix);
        CopyMoments(path, byName, model.Encoder, trainer.EncoderOptimizer);
        CopyMoments(path, byName, model.Predictor, trainer.PredictorOptimizer);
        foreach (var (name, queue) in model.KeyQueues)
        {
            if (!byName.TryGetValue(QueuePrefix + name, out var state) || state.Length != 2 + (queue.Capacity * (1 + queue.Width)))
            {
                Errors.Checkpoint(path, $"InfoNCE queue '{QueuePrefix + name}' is missing or has the wrong size for alignment_queue {queue.Capacity}");
            }
            queue.Load(state.Span);
        }
        trainer.Step = ReadInt(path, data.Metadata, StepKey);
        trainer.EncoderOptimizer.Step = trainer.PredictorOptimizer.Step = ReadInt(path, data.Metadata, AdamStepKey);
    }

    /// <summary>The training options saved in a checkpoint (to resume with the same schedule).</summary>
    public static TrainingOptions ReadOptions(string path)
    {
        var data = Read(path);
        if (!data.Metadata.TryGetValue(OptionsKey, out var json))
        {
            Errors.Checkpoint(path, "has no training options: it is a model file, not a resumable checkpoint");
        }
        return JsonSerializer.Deserialize<TrainingOptions>(json) ?? throw new InvalidDataException($"checkpoint '{path}': training options are null");
    }

    /// <summary>(name, tensor) of every model weight in checkpoint naming.</summary>
    public static IEnumerable<KeyValuePair<string, Tensor>> ModelTensors(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var p in model.Encoder.Parameters.Concat(model.Predictor.Parameters))
        {
            yield return new(p.Name, p.ValueTensor);
        }
        foreach (var p in model.Target.Parameters)
        {
            yield return new(JepaModel.TargetPrefix + p.Name, p.ValueTensor);
        }
    }

    internal static SafetensorsData Read(string path)
    {
        if (!File.Exists(path))
        {
            Errors.Checkpoint(path, "file not found; train one with `autonet train --out DIR`");
        }
        try
        {
            using var stream = File.OpenRead(path);
            return Safetensors.Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException or ArgumentException or FormatException)
        {
            Errors.Checkpoint(path, $"not a readable safetensors file ({e.Message})");
            return null;
        }
    }

    internal static ModelManifest ManifestOf(string path, SafetensorsData data)
    {
        if (!data.Metadata.TryGetValue(ModelManifest.MetadataKey, out var json))
        {
            Errors.Checkpoint(path, $"has no '{ModelManifest.MetadataKey}' metadata, so its architecture is unknown");
        }
        return ModelManifest.Parse(json);
    }

    internal static void CopyInto(string path, Dictionary<string, Tensor> byName, ParameterArena arena, string prefix)
    {
        foreach (var p in arena.Parameters)
        {
            if (!byName.TryGetValue(prefix + p.Name, out var t))
            {
                Errors.Checkpoint(path, $"tensor '{prefix + p.Name}' is missing");
            }
            if (!t.Shape.AsSpan().SequenceEqual(p.Shape))
            {
                Errors.Checkpoint(path, $"tensor '{prefix + p.Name}' has shape ({string.Join(", ", t.Shape)}), the model expects ({string.Join(", ", p.Shape)})");
            }
            t.Span.CopyTo(p.Value);
        }
    }

    internal static void WriteAtomically(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!); // a full path always has a directory
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        {
            Safetensors.Write(stream, tensors, metadata);
        }
        File.Move(temp, full, overwrite: true);
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Moments(ParameterArena arena, AdamW optimizer)
    {
        foreach (var p in arena.Parameters)
        {
            yield return new("optim.m." + p.Name, new Tensor(optimizer.M, p.Offset, p.Shape));
            yield return new("optim.v." + p.Name, new Tensor(optimizer.V, p.Offset, p.Shape));
        }
    }

    private static void CopyMoments(string path, Dictionary<string, Tensor> byName, ParameterArena arena, AdamW optimizer)
    {
        foreach (var p in arena.Parameters)
        {
            foreach (var (kind, buffer) in new[] { ("m", optimizer.M), ("v", optimizer.V) })
            {
                var name = $"optim.{kind}.{p.Name}";
                if (!byName.TryGetValue(name, out var t) || t.Length != p.Length)
                {
                    Errors.Checkpoint(path, $"optimizer tensor '{name}' is missing or has the wrong size: it is a model file, not a resumable checkpoint");
                }
                t.Span.CopyTo(buffer.AsSpan(p.Offset, p.Length));
            }
        }
    }

    private static int ReadInt(string path, IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Errors.Checkpoint(path, $"metadata '{key}' is missing or not a non-negative integer");
        return 0;
    }
}
