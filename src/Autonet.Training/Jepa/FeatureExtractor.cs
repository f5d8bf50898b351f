// Frozen features for probes and collapse metrics: mean-pooled target-encoder outputs over every token, computed in
// chunks of 64 samples so memory stays bounded (a 192-wide ViT on 49 patches needs ~30 MB of activations per chunk).
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;

namespace Autonet.Training.Jepa;

/// <summary>Extracts (N, C) mean-pooled features from a model for given samples of a batch source.</summary>
public static class FeatureExtractor
{
    public const int Chunk = 64;

    public static float[] Extract(JepaModel model, BatchSource data, int[] indices, ActivationArena? activations = null, bool useTarget = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var arena = activations ?? new ActivationArena(1 << 20);
        var width = model.Config.Width;
        var features = new float[indices.Length * width]; // (N, C)
        for (var start = 0; start < indices.Length; start += Chunk)
        {
            arena.Reset();
            var count = Math.Min(Chunk, indices.Length - start);
            var input = data.Input(indices.AsSpan(start, count));
            model.Features(input, arena, useTarget).Span.CopyTo(features.AsSpan(start * width, count * width));
        }
        return features;
    }
}
