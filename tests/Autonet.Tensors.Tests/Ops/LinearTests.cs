using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class LinearTests
{
    [Fact]
    public void Forward_RandomInput_MatchesReference()
    {
        var (x, w, b) = (Check.RandomTensor(1, 2, 5, 7), Check.RandomTensor(2, 6, 7), Check.RandomTensor(3, 6));
        var y = Tensor.Zeros(2, 5, 6);
        Linear.Forward(x, w, b, y);
        Check.Close(Reference.Linear(x.Data, w.Data, b.Data, 10, 7, 6), y.Span);
    }

    [Fact]
    public void Backward_RandomInput_MatchesFiniteDifferences()
    {
        var (x, w, b) = (Check.RandomTensor(1, 6, 7), Check.RandomTensor(2, 5, 7), Check.RandomTensor(3, 5));
        var weights = Check.Random(30, 4);
        var y = Tensor.Zeros(6, 5);
        double Loss()
        {
            Linear.Forward(x, w, b, y);
            return Check.Dot(y.Span, weights);
        }
        var (dx, dw, db) = (Tensor.Zeros(6, 7), Tensor.Zeros(5, 7), Tensor.Zeros(5));
        Linear.Backward(x, w, Tensor.From(weights, 6, 5), dx, dw, db);
        Check.Gradient(x.Span, dx.Span, Loss);
        Check.Gradient(w.Span, dw.Span, Loss);
        Check.Gradient(b.Span, db.Span, Loss);
    }

    [Fact]
    public void Forward_InnerDimMismatch_NamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Linear.Forward(Tensor.Zeros(2, 3), Tensor.Zeros(5, 4), null, Tensor.Zeros(2, 5)));
        Assert.Contains("Linear: (2, 3) x (5, 4): input features 3 != weight in-features 4", e.Message, StringComparison.Ordinal);
    }
}
