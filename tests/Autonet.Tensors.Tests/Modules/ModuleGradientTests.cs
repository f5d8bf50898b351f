using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;

namespace Autonet.Tensors.Tests.Modules;

public class ModuleGradientTests
{
    [Fact]
    public void TransformerBlock_Backward_MatchesFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var block = new TransformerBlock(arena, "b", 8, 2, 16);
        var acts = new ActivationArena();
        var x = Check.RandomTensor(2, 2, 3, 8);
        var w = Check.Random(48, 3);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(block.Forward(x, acts).Span, w);
        }
        Loss();
        var dx = block.Backward(Tensor.From(w, 2, 3, 8), acts);
        var dxCopy = dx.ToArray();
        Check.Gradient(x.Span, dxCopy, Loss);
        Check.Gradient(arena.Values, arena.Grads.ToArray(), Loss);
    }

    [Fact]
    public void CrossAttention_Backward_MatchesFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var attn = new CrossAttention(arena, "x", 8, 6, 2);
        var acts = new ActivationArena();
        var (x, ctx) = (Check.RandomTensor(2, 2, 3, 8), Check.RandomTensor(3, 2, 5, 6));
        var w = Check.Random(48, 4);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(attn.Forward(x, ctx, acts).Span, w);
        }
        Loss();
        var (dx, dctx) = attn.Backward(Tensor.From(w, 2, 3, 8), acts);
        var (dxCopy, dctxCopy) = (dx.ToArray(), dctx.ToArray());
        Check.Gradient(x.Span, dxCopy, Loss);
        Check.Gradient(ctx.Span, dctxCopy, Loss);
        Check.Gradient(arena.Values, arena.Grads.ToArray(), Loss);
    }

    [Fact]
    public void VitEncoder_WithKeptTokens_ParameterGradsMatchFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var vit = new VitEncoder(arena, new VitConfig(8, 4, 2, 8, 2, 2, 2));
        var acts = new ActivationArena();
        var images = Check.RandomTensor(5, 2, 2, 8, 8);
        int[] keep = [0, 3, 2, 1];
        var w = Check.Random(2 * 2 * 8, 6);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(vit.Forward(images, acts, keep).Span, w);
        }
        Loss();
        vit.Backward(Tensor.From(w, 2, 2, 8), acts);
        Check.Gradient(arena.Values, arena.Grads.ToArray(), Loss);
        Check.Gradient(vit.PatchEmbed.Proj.Weight.Value, vit.PatchEmbed.Proj.Weight.Grad.ToArray(), Loss);
    }

    [Fact]
    public void VitEncoder_MultiChunkSizes_ParameterGradsMatchFiniteDifferences()
    {
        // 3 x 49 = 147 rows: layer norm and attention take their multi-thread paths here.
        var arena = new ParameterArena(1);
        var vit = new VitEncoder(arena, new VitConfig(28, 4, 1, 24, 1, 2, 4));
        var acts = new ActivationArena();
        var images = Check.RandomTensor(5, 3, 1, 28, 28);
        var w = Check.Random(3 * 49 * 24, 6);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(vit.Forward(images, acts).Span, w);
        }
        Loss();
        vit.Backward(Tensor.From(w, 3, 49, 24), acts);
        foreach (var name in new[] { "patch_embed.proj.weight", "blocks.0.norm1.weight", "blocks.0.attn.qkv.weight", "blocks.0.mlp.fc1.bias", "norm.bias" })
        {
            var p = arena[name];
            Check.Gradient(p.Value, p.Grad.ToArray(), Loss, seed: p.Offset);
        }
    }

    [Fact]
    public void TextEncoder_Backward_EmbeddingGradsMatchFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var text = new TextEncoder(arena, 260, 16, 8, 1, 2);
        var acts = new ActivationArena();
        int[] ids = [72, 105, 33, 72, 0, 259];
        var w = Check.Random(48, 2);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(text.Forward(ids, 2, acts).Span, w);
        }
        Loss();
        text.Backward(Tensor.From(w, 2, 3, 8), acts);
        var rows = text.Embedding.Value.Slice(72 * 8, 8);
        Check.Gradient(rows, text.Embedding.Grad.Slice(72 * 8, 8).ToArray(), Loss);
    }
}
