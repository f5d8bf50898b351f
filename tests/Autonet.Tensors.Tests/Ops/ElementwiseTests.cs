using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class ElementwiseTests
{
    [Fact]
    public void MulAndBias_ForwardBackward_MatchHandValues()
    {
        var (a, b) = (Tensor.From([1, 2, 3, 4], 2, 2), Tensor.From([5, 6, 7, 8], 2, 2));
        var y = Tensor.Zeros(2, 2);
        Elementwise.Mul(a, b, y);
        Check.Close([5, 12, 21, 32], y.Span, 0, 0);
        var (da, db) = (Tensor.Zeros(2, 2), Tensor.Zeros(2, 2));
        Elementwise.MulBackward(a, b, Tensor.From([1, 1, 2, 2], 2, 2), da, db);
        Check.Close([5, 6, 14, 16], da.Span, 0, 0);
        Check.Close([1, 2, 6, 8], db.Span, 0, 0);
        Elementwise.Add(a, b, y);
        Elementwise.AddBias(y, Tensor.From([10, 20], 2));
        Check.Close([16, 28, 20, 32], y.Span, 0, 0);
        var dBias = Tensor.Zeros(2);
        Elementwise.AddBiasBackward(Tensor.From([1, 2, 3, 4], 2, 2), dBias);
        Check.Close([4, 6], dBias.Span, 0, 0);
    }

    [Fact]
    public void Add_ShapeMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Elementwise.Add(Tensor.Zeros(2, 2), Tensor.Zeros(4), Tensor.Zeros(2, 2)));
        Assert.Contains("Add: (2, 2) x (4)", e.Message, StringComparison.Ordinal);
    }
}
