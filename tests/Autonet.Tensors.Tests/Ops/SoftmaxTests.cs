using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class SoftmaxTests
{
    [Fact]
    public void Forward_LargeLogits_MatchesReferenceWithoutOverflow()
    {
        var x = Check.RandomTensor(1, 130, 17);
        x.Span[0] = 500f; // exp(500) overflows float; max subtraction must handle it
        var y = Tensor.Zeros(130, 17);
        Softmax.Forward(x, y);
        Check.Close(Reference.Softmax(x.Data, 17), y.Span, 1e-6f, 1e-5f);
    }

    [Fact]
    public void Backward_RandomInput_MatchesFiniteDifferences()
    {
        var x = Check.RandomTensor(1, 4, 9);
        var weights = Check.Random(36, 2);
        var y = Tensor.Zeros(4, 9);
        double Loss()
        {
            Softmax.Forward(x, y);
            return Check.Dot(y.Span, weights);
        }
        Loss();
        var dx = Tensor.Zeros(4, 9);
        Softmax.Backward(y, Tensor.From(weights, 4, 9), dx);
        Check.Gradient(x.Span, dx.Span, Loss);
    }
}
