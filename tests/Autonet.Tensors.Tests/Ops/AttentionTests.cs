using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class AttentionTests
{
    private const int B = 2, T = 5, Tk = 7, C = 12, H = 3;

    [Fact]
    public void SelfForward_RandomInput_MatchesReference()
    {
        var qkv = Check.RandomTensor(1, B, T, 3 * C);
        var o = Tensor.Zeros(B, T, C);
        Attention.SelfForward(qkv, H, Tensor.Zeros(B, H, T, T), o);
        var (q, k, v) = (Part(qkv, 0, 3), Part(qkv, 1, 3), Part(qkv, 2, 3));
        Check.Close(Reference.Attention(q, k, v, B, T, T, C, H), o.Span, 1e-5f, 1e-4f);
    }

    [Fact]
    public void CrossForward_RandomInput_MatchesReference()
    {
        var (q, kv) = (Check.RandomTensor(1, B, T, C), Check.RandomTensor(2, B, Tk, 2 * C));
        var o = Tensor.Zeros(B, T, C);
        Attention.CrossForward(q, kv, H, Tensor.Zeros(B, H, T, Tk), o);
        Check.Close(Reference.Attention(q.Data, Part(kv, 0, 2), Part(kv, 1, 2), B, T, Tk, C, H), o.Span, 1e-5f, 1e-4f);
    }

    [Fact]
    public void SelfBackward_RandomInput_MatchesFiniteDifferences()
    {
        var qkv = Check.RandomTensor(1, B, T, 3 * C);
        var weights = Check.Random(B * T * C, 2);
        var (p, o) = (Tensor.Zeros(B, H, T, T), Tensor.Zeros(B, T, C));
        double Loss()
        {
            Attention.SelfForward(qkv, H, p, o);
            return Check.Dot(o.Span, weights);
        }
        Loss();
        var d = Tensor.Zeros(B, T, 3 * C);
        Attention.SelfBackward(qkv, H, p, Tensor.From(weights, B, T, C), d);
        Check.Gradient(qkv.Span, d.Span, Loss);
    }

    [Fact]
    public void CrossBackward_RandomInput_MatchesFiniteDifferences()
    {
        var (q, kv) = (Check.RandomTensor(1, B, T, C), Check.RandomTensor(2, B, Tk, 2 * C));
        var weights = Check.Random(B * T * C, 3);
        var (p, o) = (Tensor.Zeros(B, H, T, Tk), Tensor.Zeros(B, T, C));
        double Loss()
        {
            Attention.CrossForward(q, kv, H, p, o);
            return Check.Dot(o.Span, weights);
        }
        Loss();
        var (dq, dkv) = (Tensor.Zeros(B, T, C), Tensor.Zeros(B, Tk, 2 * C));
        Attention.CrossBackward(q, kv, H, p, Tensor.From(weights, B, T, C), dq, dkv);
        Check.Gradient(q.Span, dq.Span, Loss);
        Check.Gradient(kv.Span, dkv.Span, Loss);
    }

    [Fact]
    public void SelfForward_WidthNotDivisibleByHeads_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Attention.SelfForward(Tensor.Zeros(1, 2, 30), 4, Tensor.Zeros(1, 4, 2, 2), Tensor.Zeros(1, 2, 10)));
        Assert.Contains("width 10 is not divisible by 4 heads", e.Message, StringComparison.Ordinal);
    }

    // Unpacks part i of n from a packed (B, T, n*C) tensor into (B, T, C).
    private static float[] Part(Tensor packed, int i, int n)
    {
        var c = packed.Last / n;
        return [.. Enumerable.Range(0, packed.Rows).SelectMany(r => packed.Data.AsSpan((r * packed.Last) + (i * c), c).ToArray())];
    }
}
