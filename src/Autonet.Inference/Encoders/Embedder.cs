// Embeddings as /v1/embeddings returns them: the mean over tokens of the EMA target encoder's outputs (the features
// the linear probe reads, JepaModel.Features), one D-vector per input. Text: BOS + UTF-8 bytes + EOS, only those
// positions kept (padding is never attended to), inputs of equal length batched together; images: one batch. A
// VL-JEPA embeds texts and images (data URLs) in its shared space (SharedSpaceEmbedder).
// Inputs are validated first, so a bad input is refused naming its index before any work is done.
using Autonet.Data.Text;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Inference.Encoders;

/// <summary>Text and image embeddings from a served JEPA.</summary>
public static class Embedder
{
    /// <summary>Most inputs in one request (OpenAI's limit is 2048).</summary>
    public const int MaxInputs = 2048;

    /// <summary>One vector per input and the token count (bytes + 2 per text, patches per image).</summary>
    /// <exception cref="Api.ApiException">400 naming input[i]: too long, empty, not an image.</exception>
    public static (float[][] Vectors, int Tokens) Embed(ServedModel served, IReadOnlyList<string> inputs, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || inputs.Count > MaxInputs)
        {
            Errors.Field("input", $"must hold 1 to {MaxInputs} inputs, got {inputs.Count}", "invalid_input_count");
        }
        return served.Modality switch
        {
            Modality.Text => EmbedTexts(served.Model, inputs, arena),
            Modality.Image => EmbedImages(served.Model, inputs, arena),
            _ => SharedSpaceEmbedder.Embed(served.Model, inputs, arena),
        };
    }

    /// <summary>Token ids of one text input; refused when it does not fit the window.</summary>
    public static int[] TextIds(JepaConfig config, string text, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(text);
        var ids = ByteTokenizer.Encode(text, addBosEos: true);
        if (ids.Length > config.MaxTokens)
        {
            Errors.Field($"input[{index}]", $"is {ids.Length - 2} UTF-8 bytes; this model reads at most {config.MaxTokens - 2} (max_tokens {config.MaxTokens} less BOS and EOS)", "input_too_long");
        }
        return ids;
    }

    private static (float[][], int) EmbedTexts(JepaModel model, IReadOnlyList<string> inputs, ActivationArena arena)
    {
        var ids = inputs.Select((text, i) => TextIds(model.Config, text, i)).ToArray();
        var vectors = new float[inputs.Count][];
        foreach (var group in Enumerable.Range(0, ids.Length).GroupBy(i => ids[i].Length))
        {
            var members = group.ToArray();
            var (b, n, t) = (members.Length, group.Key, model.Config.MaxTokens);
            var batch = new int[b * t]; // (B * T), PAD after each text
            var keep = new int[b * n]; // (B * n): positions 0..n-1 of every item
            for (var j = 0; j < b; j++)
            {
                ids[members[j]].CopyTo(batch, j * t);
                for (var p = 0; p < n; p++)
                {
                    keep[(j * n) + p] = p;
                }
            }
            arena.Reset();
            var tokens = model.TargetEncoder.Forward(JepaInput.FromIds(batch, b), keep, arena); // (B, n, D)
            var pooled = arena.Take(b, model.Config.Width); // (B, D)
            Tokens.MeanPool(tokens, pooled);
            for (var j = 0; j < b; j++)
            {
                vectors[members[j]] = pooled.Span.Slice(j * model.Config.Width, model.Config.Width).ToArray();
            }
        }
        return (vectors, ids.Sum(x => x.Length));
    }

    private static (float[][], int) EmbedImages(JepaModel model, IReadOnlyList<string> inputs, ActivationArena arena)
    {
        var c = model.Config;
        var plane = c.InChannels * c.ImageSize * c.ImageSize;
        var pixels = new float[inputs.Count * plane]; // (B, Cin, S, S)
        for (var i = 0; i < inputs.Count; i++)
        {
            var bytes = ImageBytes(inputs[i], $"input[{i}]");
            if (!ImageReader.TryRead(bytes, c, out var one, out var reason))
            {
                Errors.Field($"input[{i}]", reason!, "invalid_image"); // TryRead sets the reason when it fails
            }
            one.CopyTo(pixels, i * plane);
        }
        arena.Reset();
        var images = new Tensor(pixels, 0, inputs.Count, c.InChannels, c.ImageSize, c.ImageSize);
        var pooled = model.Features(JepaInput.FromImages(images), arena); // (B, D)
        var vectors = Enumerable.Range(0, inputs.Count).Select(i => pooled.Span.Slice(i * c.Width, c.Width).ToArray()).ToArray();
        return (vectors, inputs.Count * c.Tokens);
    }

    /// <summary>The bytes of a data URL ("data:image/png;base64,…") or of bare base64; 400 naming <paramref name="param"/> otherwise.</summary>
    internal static byte[] ImageBytes(string input, string param)
    {
        var text = input;
        if (text.StartsWith("data:", StringComparison.Ordinal))
        {
            var comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !text.AsSpan(0, comma).EndsWith(";base64", StringComparison.Ordinal))
            {
                Errors.Field(param, "a data URL must look like data:image/png;base64,<data>", "invalid_image");
            }
            text = text[(comma + 1)..];
        }
        var bytes = new byte[((text.Length + 3) / 4) * 3];
        var written = 0;
        if (text.Length == 0 || !Convert.TryFromBase64String(text, bytes, out written))
        {
            Errors.Field(param, $"an image model reads base64 PNG or JPEG (or a data: URL); these {input.Length} characters are not base64", "invalid_image");
        }
        return bytes[..written];
    }
}
