using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class LossTests
{
    [Fact]
    public void Mse_Gradient_MatchesFiniteDifferences()
    {
        var (p, t) = (Check.RandomTensor(1, 4, 5), Check.RandomTensor(2, 4, 5));
        var d = Tensor.Zeros(4, 5);
        var loss = Loss.Mse(p, t, d);
        Assert.Equal(p.ToArray().Zip(t.ToArray(), (a, b) => (a - b) * (a - b)).Average(), loss, 5);
        Check.Gradient(p.Span, d.Span, () => Loss.Mse(p, t, null));
    }

    [Fact]
    public void SmoothL1_BothRegions_MatchesFormulaAndFiniteDifferences()
    {
        var p = Tensor.From([0.2f, 3f, -2.5f, 0.9f], 4);
        var t = Tensor.From([0f, 0f, 0f, 0.5f], 4);
        var d = Tensor.Zeros(4);
        var loss = Loss.SmoothL1(p, t, d);
        Assert.Equal((0.02f + 2.5f + 2f + 0.08f) / 4, loss, 5);
        Check.Gradient(p.Span, d.Span, () => Loss.SmoothL1(p, t, null));
    }

    [Fact]
    public void CrossEntropy_RandomLogits_MatchesReferenceAndFiniteDifferences()
    {
        var logits = Check.RandomTensor(1, 6, 5);
        int[] targets = [0, 4, 2, 2, 1, 3];
        var d = Tensor.Zeros(6, 5);
        var loss = Loss.CrossEntropy(logits, targets, d);
        Assert.Equal(Reference.CrossEntropy(logits.Data, targets, 5), loss, 5);
        Check.Gradient(logits.Span, d.Span, () => Loss.CrossEntropy(logits, targets, null));
    }

    [Fact]
    public void CrossEntropy_TargetOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(Tensor.Zeros(1, 3), [3], null));
        Assert.Contains("target 3 at row 0 is outside [0, 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mse_ShapeMismatch_NamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Mse(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2), null));
        Assert.Contains("(3, 2) x (2, 3)", e.Message, StringComparison.Ordinal);
    }
}
