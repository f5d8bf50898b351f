using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class GeluTests
{
    [Fact]
    public void Forward_RandomInput_MatchesReference()
    {
        var x = Check.RandomTensor(1, 5000);
        TensorScale(x, 4f);
        var y = Tensor.Zeros(5000);
        Gelu.Forward(x, y);
        Check.Close(Reference.Gelu(x.Data), y.Span, 1e-6f, 1e-5f);
    }

    [Fact]
    public void Backward_InPlace_MatchesFiniteDifferences()
    {
        var x = Check.RandomTensor(1, 3, 10);
        TensorScale(x, 3f);
        var weights = Check.Random(30, 2);
        var y = Tensor.Zeros(3, 10);
        double Loss()
        {
            Gelu.Forward(x, y);
            return Check.Dot(y.Span, weights);
        }
        var d = Tensor.From(weights, 3, 10);
        Gelu.Backward(x, d, d); // dx aliases dy, as Mlp uses it
        Check.Gradient(x.Span, d.Span, Loss, h: 1e-3f);
    }

    private static void TensorScale(Tensor t, float s)
    {
        foreach (ref var v in t.Span)
        {
            v *= s;
        }
    }
}
