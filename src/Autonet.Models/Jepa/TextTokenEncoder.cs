// Text JEPA encoder with mask support: byte-token embedding, fixed 1D sin-cos positions, then only the kept
// positions (real, unmasked tokens) go through the pre-norm transformer. Dropping the other positions is how the
// attention mask is honoured: padding and target spans are never attended to, so nothing leaks from them.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;

namespace Autonet.Models.Jepa;

/// <summary>Byte-token transformer encoder over a kept subset of positions: ids (B * T) -> (B, K, C).</summary>
public sealed class TextTokenEncoder : ITokenEncoder
{
    private int[]? _ids;
    private int[]? _keep;
    private int[] _embeddedShape = [];

    public TextTokenEncoder(ParameterArena arena, JepaConfig config, string prefix)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(config);
        Embedding = arena.Add(prefix + "tok_embed.weight", [config.Vocab, config.Width], Tensors.Memory.Init.Zeros);
        // Unit-variance token vectors: one-hot input has fan-in 1, so gain / sqrt(1), the same rule as image patches.
        Init.Gaussian(Embedding.Value, config.EmbedInitGain, arena.Generator); // the trunk's draws follow these
        Positions = SinCos.OneD(config.MaxTokens, config.Width);
        Trunk = new TransformerStack(arena, prefix, config.Width, config.Depth, config.Heads, config.MlpRatio);
        Width = config.Width;
        Tokens = config.MaxTokens;
    }

    public Parameter Embedding { get; }

    /// <summary>Fixed (T, C) table.</summary>
    public Tensor Positions { get; }

    public TransformerStack Trunk { get; }

    public int Width { get; }

    public int Tokens { get; }

    public Tensor Forward(JepaInput input, int[]? keep, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(arena);
        var ids = input.Ids ?? throw new ArgumentException("a text encoder needs token ids, got images", nameof(input));
        var b = input.Batch;
        if (ids.Length != b * Tokens)
        {
            Errors.Argument(nameof(input), $"{ids.Length} ids for batch {b}: need batch x max_tokens = {b} x {Tokens}");
        }
        var x = arena.Take(b, Tokens, Width); // (B, T, C)
        Tensors.Ops.Embedding.Forward(Embedding.ValueTensor, ids, x);
        Tensors.Ops.Tokens.AddPositions(x, Positions);
        (_ids, _keep, _embeddedShape) = (ids, keep, x.Shape);
        if (keep != null)
        {
            if (keep.Length % b != 0)
            {
                Errors.Argument(nameof(keep), $"{keep.Length} kept positions do not split evenly over batch {b}");
            }
            var kept = arena.Take(b, keep.Length / b, Width); // (B, K, C)
            Tensors.Ops.Tokens.Gather(x, keep, kept);
            x = kept;
        }
        return Trunk.Forward(x, arena);
    }

    public void Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var ids = _ids ?? throw new InvalidOperationException("TextTokenEncoder.Backward called before Forward");
        var dx = Trunk.Backward(dy, arena);
        if (_keep != null)
        {
            var full = arena.TakeZeroed(_embeddedShape);
            Tensors.Ops.Tokens.GatherBackward(_keep, dx, full);
            dx = full;
        }
        Tensors.Ops.Embedding.Backward(ids, dx, Embedding.GradTensor);
    }
}
