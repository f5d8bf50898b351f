// Image-text pairs as VL-JEPA batches: each sample's screenshot (B, 1, H, W) and its text as byte tokens in a window of
// MaxTokens (cut, or padded after the text), with joint masks: I-JEPA multi-block masks on the patch grid (positions
// 0..P-1) and 3-15 token spans on the real text only (P..P+T-1), so padding is never context nor target. Training
// batches drop a modality at random (by default a quarter text-only, a quarter image-only, half both), so one loss
// sees text-only, visual-only and multimodal samples and the "no image" / "no text" embeddings learn; validation
// and retrieval read whole pairs.
using Autonet.Core.Randomness;
using Autonet.Data.Pairs;
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;

namespace Autonet.Training.Jepa;

/// <summary>Multimodal batches of pairs with per-sample modality flags and joint masks.</summary>
public sealed class PairBatchSource : BatchSource
{
    private readonly IReadOnlyList<float[]> _images;
    private readonly int[][] _windows;
    private readonly int[] _lengths;
    private readonly JepaConfig _config;
    private readonly ImageMasker _imageMasker;
    private readonly TextMasker _textMasker;
    private readonly double _textOnly, _imageOnly;

    /// <param name="images">Grey ImageSize² pixels per sample.</param>
    /// <param name="texts">The text shown in each image.</param>
    /// <param name="config">A multimodal config.</param>
    /// <param name="textOnly">Share of training samples that keep only their text.</param>
    /// <param name="imageOnly">Share of training samples that keep only their image.</param>
    public PairBatchSource(IReadOnlyList<float[]> images, IReadOnlyList<string> texts, JepaConfig config, double textOnly = 0.25, double imageOnly = 0.25)
        : this(images, Windows(texts, config), config, textOnly, imageOnly)
    {
    }

    /// <summary>Pairs whose texts are already token windows of MaxTokens ids, each with its real length (a validation set's form).</summary>
    public PairBatchSource(IReadOnlyList<float[]> images, (int[] Ids, int Length)[] windows, JepaConfig config, double textOnly = 0.25, double imageOnly = 0.25)
        : base(images?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Modality != Modality.Multimodal)
        {
            Errors.Option("modality", config.Modality, "pairs train a multimodal model (--modality multimodal)");
        }
        if (windows.Length != images.Count || images.Any(p => p.Length != config.ImageSize * config.ImageSize) || windows.Any(w => w.Ids.Length != config.MaxTokens || w.Length < 1 || w.Length > config.MaxTokens))
        {
            Errors.Option("image_size", config.ImageSize, $"need one text window of max_tokens {config.MaxTokens} ids per image ({windows.Length} for {images.Count}) and {config.ImageSize}x{config.ImageSize} grey pixels per image");
        }
        if (!(textOnly >= 0 && imageOnly >= 0 && textOnly + imageOnly <= 1))
        {
            Errors.Option("text_only", textOnly, $"and image_only {imageOnly} must be shares >= 0 that sum to at most 1");
        }
        (_images, _config, _textOnly, _imageOnly) = (images, config, textOnly, imageOnly);
        _windows = [.. windows.Select(w => w.Ids)];
        _lengths = [.. windows.Select(w => w.Length)];
        _imageMasker = new ImageMasker(new ImageMaskConfig { GridHeight = config.GridSize, GridWidth = config.GridSize });
        _textMasker = new TextMasker(new TextMaskConfig());
    }

    /// <summary>Each text as a window of MaxTokens byte tokens (cut, or padded with ByteTokenizer.Pad = 0) and its length for masking.</summary>
    public static (int[] Ids, int Length)[] Windows(IReadOnlyList<string> texts, JepaConfig config)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(config);
        var shortest = Math.Min(new TextMaskConfig().MinSequenceLength, config.MaxTokens); // a very short text masks some padding too
        return [.. texts.Select(text =>
        {
            var ids = ByteTokenizer.Encode(text);
            var window = new int[config.MaxTokens];
            ids.AsSpan(0, Math.Min(ids.Length, config.MaxTokens)).CopyTo(window);
            return (window, Math.Clamp(ids.Length, shortest, config.MaxTokens));
        })];
    }

    /// <summary>Grey pixels of sample i.</summary>
    public ReadOnlySpan<float> Image(int i) => _images[i];

    /// <summary>Token window of sample i and its real length.</summary>
    public (int[] Ids, int Length) Window(int i) => (_windows[i], _lengths[i]);

    /// <summary>The pairs of a folder, decoded at the config's image size.</summary>
    public static PairBatchSource From(IReadOnlyList<ImageTextPair> pairs, JepaConfig config, double textOnly = 0.25, double imageOnly = 0.25)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new PairBatchSource([.. pairs.Select(p => p.Pixels)], [.. pairs.Select(p => p.Text)], config, textOnly, imageOnly);
    }

    /// <summary>Training input: each sample keeps its text only, its image only, or both, drawn from the generator.</summary>
    public override JepaInput TrainingInput(ReadOnlySpan<int> indices, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (visual, text) = (new bool[indices.Length], new bool[indices.Length]);
        for (var i = 0; i < indices.Length; i++)
        {
            var u = random.NextDouble();
            (visual[i], text[i]) = u < _textOnly ? (false, true) : u < _textOnly + _imageOnly ? (true, false) : (true, true);
        }
        return Build(indices, visual, text);
    }

    public override JepaInput Input(ReadOnlySpan<int> indices) =>
        Build(indices, [.. Enumerable.Repeat(true, indices.Length)], [.. Enumerable.Repeat(true, indices.Length)]);

    public override JepaMasks Masks(int batchSize, SeededRandom random) => Joint([.. Enumerable.Repeat(_config.MaxTokens, batchSize)], random);

    public override JepaMasks Masks(JepaInput input, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Joint(input.TextLengths ?? [.. Enumerable.Repeat(_config.MaxTokens, input.Batch)], random);
    }

    // Image masks and text masks, each rectangular over the batch, joined per sample: patches first, then text + P.
    private JepaMasks Joint(int[] lengths, SeededRandom random)
    {
        var b = lengths.Length;
        var image = JepaMasks.FromSets(_imageMasker.SampleBatch(b, random), random);
        var text = JepaMasks.FromSets([.. lengths.Select(n => _textMasker.Sample(n, random))], random);
        var p = _config.ImageTokens;
        return new JepaMasks(Join(image.Context, text.Context, b, p), Join(image.Targets, text.Targets, b, p), b);
    }

    private static int[] Join(int[] image, int[] text, int b, int offset)
    {
        var (ki, kt) = (image.Length / b, text.Length / b);
        var joined = new int[b * (ki + kt)];
        for (var n = 0; n < b; n++)
        {
            image.AsSpan(n * ki, ki).CopyTo(joined.AsSpan(n * (ki + kt)));
            for (var j = 0; j < kt; j++)
            {
                joined[(n * (ki + kt)) + ki + j] = text[(n * kt) + j] + offset;
            }
        }
        return joined;
    }

    private JepaInput Build(ReadOnlySpan<int> indices, bool[] visual, bool[] text)
    {
        var (b, size, t) = (indices.Length, _config.ImageSize, _config.MaxTokens);
        var images = Tensor.Zeros(b, 1, size, size); // (B, 1, H, W)
        var ids = new int[b * t]; // (B * T)
        var lengths = new int[b];
        for (var i = 0; i < b; i++)
        {
            _images[indices[i]].CopyTo(images.Span.Slice(i * size * size, size * size));
            _windows[indices[i]].CopyTo(ids, i * t);
            lengths[i] = _lengths[indices[i]];
        }
        return JepaInput.FromPairs(images, ids, visual, text, lengths) with { SampleIds = indices.ToArray() };
    }
}
