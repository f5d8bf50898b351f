// Frozen features for probes and collapse metrics: mean-pooled encoder outputs over every token (regions = 1), or
// over each of regions x regions blocks of an image model's patch grid, concatenated (B, regions^2 * C), which keeps
// where on the picture a feature fired. Computed in chunks of 64 samples so memory stays bounded (a 192-wide ViT on
// 49 patches needs ~30 MB of activations per chunk).
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Training.Jepa;

/// <summary>Extracts (N, C) mean-pooled features (or (N, regions^2 * C) grid-pooled ones) from a model for given samples.</summary>
public static class FeatureExtractor
{
    public const int Chunk = 64;

    /// <summary>Width of one sample's features: C for mean pooling, regions^2 * C for grid pooling.</summary>
    public static int Dim(JepaConfig config, int regions = 1)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (regions < 1 || (regions > 1 && (config.Modality != Modality.Image || regions > config.GridSize)))
        {
            Errors.Option("pool_regions", regions, $"must be 1, or 2..{config.GridSize} (the patch grid's side) for an image model");
        }
        return regions * regions * config.Width;
    }

    /// <exception cref="ArgumentException">regions is not 1 and the model is not an image model, or regions exceeds the grid side.</exception>
    public static float[] Extract(JepaModel model, BatchSource data, int[] indices, ActivationArena? activations = null, bool useTarget = true, int regions = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var dim = Dim(model.Config, regions);
        var arena = activations ?? new ActivationArena(1 << 20);
        var features = new float[indices.Length * dim]; // (N, dim)
        for (var start = 0; start < indices.Length; start += Chunk)
        {
            arena.Reset();
            var count = Math.Min(Chunk, indices.Length - start);
            var input = data.Input(indices.AsSpan(start, count));
            var output = features.AsSpan(start * dim, count * dim);
            if (regions == 1)
            {
                model.Features(input, arena, useTarget).Span.CopyTo(output);
            }
            else
            {
                var tokens = (useTarget ? model.TargetEncoder : model.ContextEncoder).Forward(input, null, arena); // (B, T, C)
                GridPool(tokens, model.Config.GridSize, regions, output);
            }
        }
        return features;
    }

    // tokens (B, G*G, C) row-major on the grid -> (B, R*R*C): block (by, bx) holds rows [by*G/R, (by+1)*G/R).
    private static void GridPool(Tensor tokens, int grid, int regions, Span<float> output)
    {
        var (b, c) = (tokens.Shape[0], tokens.Last);
        var dim = regions * regions * c;
        output.Clear();
        var counts = new int[regions * regions];
        for (var n = 0; n < b; n++)
        {
            Array.Clear(counts);
            var o = output.Slice(n * dim, dim);
            for (var t = 0; t < grid * grid; t++)
            {
                var block = ((t / grid * regions / grid) * regions) + (t % grid * regions / grid);
                counts[block]++;
                var slot = o.Slice(block * c, c);
                System.Numerics.Tensors.TensorPrimitives.Add(slot, tokens.Span.Slice(((n * grid * grid) + t) * c, c), slot);
            }
            for (var block = 0; block < counts.Length; block++)
            {
                var slot = o.Slice(block * c, c);
                System.Numerics.Tensors.TensorPrimitives.Multiply(slot, 1f / counts[block], slot);
            }
        }
    }
}
