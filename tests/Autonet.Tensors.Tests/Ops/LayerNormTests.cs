using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class LayerNormTests
{
    [Fact]
    public void Forward_RandomInput_MatchesReference()
    {
        var (x, g, b) = (Check.RandomTensor(1, 300, 24), Check.RandomTensor(2, 24), Check.RandomTensor(3, 24));
        var y = Tensor.Zeros(300, 24);
        LayerNorm.Forward(x, g, b, y, Tensor.Zeros(300), Tensor.Zeros(300));
        Check.Close(Reference.LayerNorm(x.Data, g.Data, b.Data, 24), y.Span, 1e-5f, 1e-4f);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backward_RandomInput_MatchesFiniteDifferences(bool accumulate)
    {
        var (x, g, b) = (Check.RandomTensor(1, 5, 8), Check.RandomTensor(2, 8), Check.RandomTensor(3, 8));
        var weights = Check.Random(40, 4);
        var (y, mean, rstd) = (Tensor.Zeros(5, 8), Tensor.Zeros(5), Tensor.Zeros(5));
        double Loss()
        {
            LayerNorm.Forward(x, g, b, y, mean, rstd);
            return Check.Dot(y.Span, weights);
        }
        Loss();
        var start = accumulate ? 0.5f : 0f;
        var (dx, dg, db) = (Tensor.Zeros(5, 8), Tensor.Zeros(8), Tensor.Zeros(8));
        dx.Span.Fill(start);
        LayerNorm.Backward(x, g, mean, rstd, Tensor.From(weights, 5, 8), dx, dg, db, accumulate);
        var dxOnly = dx.ToArray().Select(v => v - start).ToArray();
        Check.Gradient(x.Span, dxOnly, Loss);
        Check.Gradient(g.Span, dg.Span, Loss);
        Check.Gradient(b.Span, db.Span, Loss);
    }

    [Fact]
    public void Forward_GammaLengthWrong_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => LayerNorm.Forward(Tensor.Zeros(2, 4), Tensor.Zeros(3), Tensor.Zeros(4), Tensor.Zeros(2, 4), Tensor.Zeros(2), Tensor.Zeros(2)));
        Assert.Contains("(2, 4) x (3)", e.Message, StringComparison.Ordinal);
    }
}
