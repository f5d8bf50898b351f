// Embeddings of a VL-JEPA (Modality.Multimodal) in its shared space, so a text and an image compare by cosine: a text
// is its pooled, layer-normed target-encoder text embedding (the retrieval "text key"); an image is the image head's
// prediction of that embedding from the image alone (the retrieval "image query", VlJepaObjective.Embeddings). So
// cos(image, text) is the score `autonet eval retrieval` ranks image->text by. An input is an image when it is a data
// URL ("data:image/png;base64,…"), else text, read as the pair set trains it: UTF-8 bytes, no BOS/EOS, padded to
// max_tokens. Both sides are read before fusion, so an image's vector does not depend on the placeholder text it is
// run beside, nor a text's on the blank image (a test checks this). Not here: text-only or image-only models (Embedder).
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;

namespace Autonet.Inference.Encoders;

/// <summary>Text and image embeddings of one VL-JEPA in one space.</summary>
public static class SharedSpaceEmbedder
{
    /// <summary>An input that starts so is an image.</summary>
    public const string ImagePrefix = "data:image/";

    /// <summary>One vector per input (texts and images mixed, in order) and the tokens read (bytes per text, patches per image).</summary>
    /// <exception cref="Api.ApiException">400 naming input[i]: a text too long, or an image that is not PNG/JPEG.</exception>
    public static (float[][] Vectors, int Tokens) Embed(JepaModel model, IReadOnlyList<string> inputs, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(arena);
        var c = model.Config;
        var (imageRows, textRows, pixels, texts) = (new List<int>(), new List<int>(), new List<float[]>(), new List<string>());
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++) // every input checked before any work
        {
            if (inputs[i].StartsWith(ImagePrefix, StringComparison.Ordinal))
            {
                pixels.Add(ImagePixels(c, inputs[i], i));
                imageRows.Add(i);
                tokens += c.ImageTokens;
            }
            else
            {
                tokens += TextBytes(c, inputs[i], i);
                texts.Add(inputs[i]);
                textRows.Add(i);
            }
        }
        var vectors = new float[inputs.Count][];
        if (pixels.Count > 0)
        {
            var placeholder = PairBatchSource.Windows([""], c)[0];
            Scatter(Run(model, pixels, [.. Enumerable.Repeat(placeholder, pixels.Count)], arena).ImageQuery, imageRows, vectors);
        }
        if (texts.Count > 0)
        {
            var blank = new float[c.ImageSize * c.ImageSize];
            Scatter(Run(model, [.. Enumerable.Repeat(blank, texts.Count)], PairBatchSource.Windows(texts, c), arena).TextKey, textRows, vectors);
        }
        return (vectors, tokens);
    }

    /// <summary>UTF-8 bytes of a text input; refused when they do not fit the model's window.</summary>
    public static int TextBytes(JepaConfig config, string text, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = ByteTokenizer.Encode(text).Length;
        if (bytes > config.MaxTokens)
        {
            Errors.Field($"input[{index}]", $"is {bytes} UTF-8 bytes; this model reads at most {config.MaxTokens} (max_tokens)", "input_too_long");
        }
        return bytes;
    }

    /// <summary>Grey ImageSize² pixels of a base64 PNG/JPEG (bare or as a data URL); 400 naming <paramref name="param"/> otherwise.</summary>
    public static float[] ImagePixels(JepaConfig config, string input, int index, string param = "input")
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = index < 0 ? param : $"{param}[{index}]";
        if (!ImageReader.TryRead(Embedder.ImageBytes(input, name), config with { InChannels = 1 }, out var one, out var reason))
        {
            Errors.Field(name, reason!, "invalid_image"); // TryRead sets the reason when it fails
        }
        return one;
    }

    // Both encoders over (images, windows) as full pairs; the cross-modal embeddings copied out of the arena.
    private static (float[][] ImageQuery, float[][] TextKey) Run(JepaModel model, List<float[]> pixels, (int[] Ids, int Length)[] windows, ActivationArena arena)
    {
        var (b, s, t, c) = (pixels.Count, model.Config.ImageSize, model.Config.MaxTokens, model.Config.Width);
        var images = Tensor.Zeros(b, 1, s, s); // (B, 1, S, S)
        var ids = new int[b * t]; // (B * T)
        for (var i = 0; i < b; i++)
        {
            pixels[i].CopyTo(images.Span.Slice(i * s * s, s * s));
            windows[i].Ids.CopyTo(ids, i * t);
        }
        var input = JepaInput.FromPairs(images, ids, [.. Enumerable.Repeat(true, b)], [.. Enumerable.Repeat(true, b)], [.. windows.Select(w => w.Length)]);
        arena.Reset();
        var (imageQuery, textKey, _, _) = model.CrossModalEmbeddings(input, arena); // each (B, C)
        return (Rows(imageQuery, b, c), Rows(textKey, b, c));
    }

    private static float[][] Rows(Tensor x, int b, int c) => [.. Enumerable.Range(0, b).Select(i => x.Span.Slice(i * c, c).ToArray())];

    private static void Scatter(float[][] rows, List<int> positions, float[][] vectors)
    {
        for (var j = 0; j < positions.Count; j++)
        {
            vectors[positions[j]] = rows[j];
        }
    }
}
