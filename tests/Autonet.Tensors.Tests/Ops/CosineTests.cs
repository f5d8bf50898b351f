using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class CosineTests
{
    [Fact]
    public void ForwardBackward_RandomRows_MatchReferenceAndFiniteDifferences()
    {
        var (a, b) = (Check.RandomTensor(1, 4, 6), Check.RandomTensor(2, 4, 6));
        var s = Tensor.Zeros(4);
        Cosine.Forward(a, b, s);
        Check.Close(Reference.Cosine(a.Data, b.Data, 6), s.Span);
        var w = Check.Random(4, 3);
        var (da, db) = (Tensor.Zeros(4, 6), Tensor.Zeros(4, 6));
        Cosine.Backward(a, b, Tensor.From(w, 4), da, db);
        double Loss()
        {
            Cosine.Forward(a, b, s);
            return Check.Dot(s.Span, w);
        }
        Check.Gradient(a.Span, da.Span, Loss, h: 1e-3f);
        Check.Gradient(b.Span, db.Span, Loss, h: 1e-3f);
    }
}
