using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class TokensTests
{
    [Fact]
    public void GatherScatter_Subset_RoundTripsAndBackwardScattersGrads()
    {
        var x = Check.RandomTensor(1, 2, 4, 3);
        int[] idx = [3, 1, 0, 2];
        var g = Tensor.Zeros(2, 2, 3);
        Tokens.Gather(x, idx, g);
        Check.Close(x.Span.Slice(9, 3), g.Span[..3], 0, 0);
        Check.Close(x.Span.Slice(12 + 6, 3), g.Span.Slice(9, 3), 0, 0);
        var back = Tensor.Zeros(2, 4, 3);
        Tokens.Scatter(g, idx, back);
        var dx = Tensor.Zeros(2, 4, 3);
        Tokens.GatherBackward(idx, g, dx);
        Check.Close(back.Span, dx.Span, 0, 0);
        foreach (var row in new[] { 0, 2, 5, 7 })
        {
            Assert.Equal(0f, back.Span[row * 3]);
        }
    }

    [Fact]
    public void ConcatSplit_TwoParts_RoundTrip()
    {
        var (a, b) = (Check.RandomTensor(1, 2, 3, 4), Check.RandomTensor(2, 2, 1, 4));
        var j = Tensor.Zeros(2, 4, 4);
        Tokens.Concat(a, b, j);
        Check.Close(b.Span[..4], j.Span.Slice(12, 4), 0, 0);
        var (a2, b2) = (Tensor.Zeros(2, 3, 4), Tensor.Zeros(2, 1, 4));
        Tokens.Split(j, a2, b2);
        Check.Close(a.Span, a2.Span, 0, 0);
        Check.Close(b.Span, b2.Span, 0, 0);
    }

    [Fact]
    public void MeanPool_ForwardAndBackward_MatchReferenceAndFiniteDifferences()
    {
        var x = Check.RandomTensor(1, 2, 5, 3);
        var y = Tensor.Zeros(2, 3);
        Tokens.MeanPool(x, y);
        Check.Close(Reference.MeanPool(x.Data, 2, 5, 3), y.Span);
        var w = Check.Random(6, 2);
        var dx = Tensor.Zeros(2, 5, 3);
        Tokens.MeanPoolBackward(Tensor.From(w, 2, 3), dx);
        Check.Gradient(x.Span, dx.Span, () =>
        {
            Tokens.MeanPool(x, y);
            return Check.Dot(y.Span, w);
        });
    }

    [Fact]
    public void Gather_IndexOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Tokens.Gather(Tensor.Zeros(1, 4, 2), [4], Tensor.Zeros(1, 1, 2)));
        Assert.Contains("token index 4 at position 0 is outside [0, 4)", e.Message, StringComparison.Ordinal);
    }
}
