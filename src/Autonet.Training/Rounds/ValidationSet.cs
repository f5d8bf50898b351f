// A proposer's hidden validation set, fixed before the task is posted (so is its CID, which the proposer commits
// to): images (N, 1, H, W) as one safetensors tensor "images", or text token windows (N, T) as a tensor "tokens"
// (ids < 2^24, exact in float32), or for a multimodal model image-text pairs: "images", "tokens" and "lengths" (N)
// (each text's real length). A coordinator decodes it into a batch source for the base model's config.
using System.Diagnostics.CodeAnalysis;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Training.Jepa;

namespace Autonet.Training.Rounds;

/// <summary>Encodes and decodes validation-set blobs.</summary>
public static class ValidationSet
{
    /// <summary>Fewest samples a usable validation set holds: below it a score says little, and a coordinator flags the set.</summary>
    public const int MinCount = 16;

    public static byte[] Encode(ImageDataset data, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = data.PixelsPerImage;
        var values = new float[indices.Length * pixels];
        for (var i = 0; i < indices.Length; i++)
        {
            data.Image(indices[i]).CopyTo(values.AsSpan(i * pixels, pixels));
        }
        return Write("images", new Tensor(values, 0, indices.Length, 1, data.Rows, data.Columns));
    }

    /// <summary>Token windows, all of one length.</summary>
    public static byte[] EncodeText(IReadOnlyList<int[]> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var tokens = windows.Count == 0 ? 0 : windows[0].Length;
        var values = new float[windows.Count * tokens];
        for (var i = 0; i < windows.Count; i++)
        {
            for (var t = 0; t < tokens; t++)
            {
                values[(i * tokens) + t] = windows[i][t];
            }
        }
        return Write("tokens", new Tensor(values, 0, windows.Count, tokens));
    }

    /// <summary>Image-text pairs of a pair source (images, token windows and their real lengths).</summary>
    public static byte[] EncodePairs(PairBatchSource pairs, int[] indices, JepaConfig config)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(config);
        var (n, pixels, t) = (indices.Length, config.ImageSize * config.ImageSize, config.MaxTokens);
        var (images, tokens, lengths) = (new float[n * pixels], new float[n * t], new float[n]);
        for (var i = 0; i < n; i++)
        {
            pairs.Image(indices[i]).CopyTo(images.AsSpan(i * pixels, pixels));
            var (ids, length) = pairs.Window(indices[i]);
            for (var j = 0; j < t; j++)
            {
                tokens[(i * t) + j] = ids[j];
            }
            lengths[i] = length;
        }
        using var stream = new MemoryStream();
        Safetensors.Write(stream,
        [
            new("images", new Tensor(images, 0, n, 1, config.ImageSize, config.ImageSize)),
            new("tokens", new Tensor(tokens, 0, n, t)),
            new("lengths", new Tensor(lengths, 0, n)),
        ]);
        return stream.ToArray();
    }

    /// <summary>The set as a batch source for a model of <paramref name="config"/>.</summary>
    /// <exception cref="FormatException">Not a validation set of the model's modality and shape.</exception>
    public static BatchSource Decode(byte[] bytes, JepaConfig config) =>
        TryDecode(bytes, config, out var set, out var reason) ? set : throw new FormatException(reason);

    /// <summary>Decodes an untrusted validation set; false with the reason when it does not fit the model.</summary>
    public static bool TryDecode(byte[] bytes, JepaConfig config, [NotNullWhen(true)] out BatchSource? set, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(config);
        set = null;
        if (!ModelBytes.TryRead(bytes, "validation set", out var data, out reason))
        {
            return false;
        }
        if (config.Modality == Modality.Multimodal)
        {
            return TryDecodePairs(data.Tensors, config, out set, out reason);
        }
        var name = config.Modality == Modality.Image ? "images" : "tokens";
        var t = data.Tensors.FirstOrDefault(t => t.Key == name).Value;
        if (config.Modality == Modality.Image)
        {
            if (t is null || t.Rank != 4 || t.Shape[0] == 0 || t.Shape[1] != config.InChannels || t.Shape[2] != config.ImageSize || t.Shape[3] != config.ImageSize)
            {
                reason = $"validation set for an image model needs a non-empty tensor 'images' of shape (N, {config.InChannels}, {config.ImageSize}, {config.ImageSize})";
                return false;
            }
            // The model's config comes from an untrusted manifest too: ImageBatchSource takes grey images only, and
            // masks with the default multi-block config, which ImageMaskConfig.Validate refuses on a small grid.
            var masks = new ImageMaskConfig { GridHeight = config.GridSize, GridWidth = config.GridSize };
            if (config.InChannels != 1 || config.GridSize < 2 || masks.MinContextTokens > masks.PatchCount - ImageMasker.MaxBlockArea(masks))
            {
                reason = $"a validation set is scored with grey images (1 channel) and the default masks (a patch grid with room for {masks.MinContextTokens} context patches beside a target block); the model has {config.InChannels} channels and a {config.GridSize}x{config.GridSize} grid";
                return false;
            }
            // A NaN or infinite pixel would make every delta's score NaN: refuse the set, not the solvers.
            var bad = IndexOfNonFinite(t.Span);
            if (bad >= 0)
            {
                reason = $"validation set pixel {t.Span[bad]} at flat index {bad} is not a finite number";
                return false;
            }
            if (!Enough(t.Shape[0], out reason))
            {
                return false;
            }
            set = new ImageBatchSource(new ImageDataset(t.Span.ToArray(), new byte[t.Shape[0]], t.Shape[2], t.Shape[3], PixelNormalization.Standardized), config);
            return true;
        }
        if (t is null || t.Rank != 2 || t.Shape[0] == 0 || t.Shape[1] != config.MaxTokens)
        {
            reason = $"validation set for a text model needs a non-empty tensor 'tokens' of shape (N, {config.MaxTokens})";
            return false;
        }
        if (!TryIds(t, config, out var windows, out reason) || !Enough(windows.Count, out reason))
        {
            return false;
        }
        set = new TextBatchSource(windows, config);
        return true;
    }

    // Pairs: grey images (N, 1, S, S), token windows (N, T) and real lengths (N) in 1..T, every value checked.
    private static bool TryDecodePairs(IReadOnlyList<KeyValuePair<string, Tensor>> tensors, JepaConfig config, [NotNullWhen(true)] out BatchSource? set, [NotNullWhen(false)] out string? reason)
    {
        set = null;
        Tensor? Named(string name) => tensors.FirstOrDefault(t => t.Key == name).Value;
        var (images, tokens, lengths) = (Named("images"), Named("tokens"), Named("lengths"));
        var n = images?.Shape[0] ?? 0;
        if (images is null || tokens is null || lengths is null || images.Rank != 4 || n == 0 || images.Shape[1] != 1 || images.Shape[2] != config.ImageSize || images.Shape[3] != config.ImageSize
            || tokens.Rank != 2 || tokens.Shape[0] != n || tokens.Shape[1] != config.MaxTokens || lengths.Rank != 1 || lengths.Shape[0] != n)
        {
            reason = $"validation set for a multimodal model needs tensors 'images' (N, 1, {config.ImageSize}, {config.ImageSize}), 'tokens' (N, {config.MaxTokens}) and 'lengths' (N) with one N > 0";
            return false;
        }
        var masks = new ImageMaskConfig { GridHeight = config.GridSize, GridWidth = config.GridSize }; // the manifest is untrusted too
        if (config.GridSize < 2 || masks.MinContextTokens > masks.PatchCount - ImageMasker.MaxBlockArea(masks))
        {
            reason = $"a pair validation set is scored with the default masks (a patch grid with room for {masks.MinContextTokens} context patches beside a target block); the model has a {config.GridSize}x{config.GridSize} grid";
            return false;
        }
        var bad = IndexOfNonFinite(images.Span);
        if (bad >= 0)
        {
            reason = $"validation set pixel {images.Span[bad]} at flat index {bad} is not a finite number";
            return false;
        }
        if (!TryIds(tokens, config, out var windows, out reason))
        {
            return false;
        }
        var pairs = new (int[] Ids, int Length)[n];
        for (var i = 0; i < n; i++)
        {
            var length = lengths.Span[i];
            if (!(length >= 1 && length <= config.MaxTokens && length == MathF.Floor(length)))
            {
                reason = $"validation set length {length} of pair {i} is not a whole number in 1..{config.MaxTokens}";
                return false;
            }
            pairs[i] = (windows[i], (int)length);
        }
        if (!Enough(n, out reason))
        {
            return false;
        }
        var pixels = config.ImageSize * config.ImageSize;
        set = new PairBatchSource([.. Enumerable.Range(0, n).Select(i => images.Span.Slice(i * pixels, pixels).ToArray())], pairs, config);
        return true;
    }

    private static bool TryIds(Tensor t, JepaConfig config, out List<int[]> windows, [NotNullWhen(false)] out string? reason)
    {
        windows = [];
        for (var i = 0; i < t.Shape[0]; i++)
        {
            var ids = new int[t.Shape[1]];
            for (var j = 0; j < ids.Length; j++)
            {
                var v = t.Span[(i * ids.Length) + j];
                if (v < 0 || v >= config.Vocab || v != MathF.Floor(v))
                {
                    reason = $"validation set token {v} at ({i}, {j}) is not an id in 0..{config.Vocab - 1}";
                    return false;
                }
                ids[j] = (int)v;
            }
            windows.Add(ids);
        }
        reason = null;
        return true;
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }

    // The last check, after shape and values: a set of the right kind but too small to say much.
    private static bool Enough(int count, [NotNullWhen(false)] out string? reason)
    {
        reason = count < MinCount ? $"validation set has {count} samples; a usable set has at least {MinCount}" : null;
        return reason is null;
    }

    private static byte[] Write(string name, Tensor tensor)
    {
        using var stream = new MemoryStream();
        Safetensors.Write(stream, [new KeyValuePair<string, Tensor>(name, tensor)]);
        return stream.ToArray();
    }
}
