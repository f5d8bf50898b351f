namespace Autonet.Tensors.Ops;

/// <summary>
/// Scalar losses, each returning the mean loss and writing its gradient (scaled for the mean) in one pass:
/// MSE, smooth L1 (torch's SmoothL1Loss: 0.5 d^2 / beta below beta, |d| - 0.5 beta above; the I-JEPA loss),
/// and cross-entropy over logits (N, V) with integer targets. Sums run in double, in index order.
/// </summary>
public static class Loss
{
    /// <summary>mean((p - t)^2); dPred = 2 (p - t) / n (overwritten) when given.</summary>
    public static float Mse(Tensor pred, Tensor target, Tensor? dPred)
    {
        Check("Mse", pred, target, dPred);
        var p = pred.Span;
        var t = target.Span;
        double sum = 0;
        var n = p.Length;
        for (var i = 0; i < n; i++)
        {
            var d = p[i] - t[i];
            sum += d * d;
            if (dPred != null)
            {
                dPred.Span[i] = 2f * d / n;
            }
        }
        return (float)(sum / n);
    }

    /// <summary>Smooth L1 with threshold beta (torch default 1.0), mean over elements.</summary>
    public static float SmoothL1(Tensor pred, Tensor target, Tensor? dPred, float beta = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        Check("SmoothL1", pred, target, dPred);
        var p = pred.Span;
        var t = target.Span;
        double sum = 0;
        var n = p.Length;
        for (var i = 0; i < n; i++)
        {
            var d = p[i] - t[i];
            var a = MathF.Abs(d);
            sum += a < beta ? 0.5 * d * d / beta : a - (0.5 * beta);
            if (dPred != null)
            {
                dPred.Span[i] = (a < beta ? d / beta : MathF.Sign(d)) / n;
            }
        }
        return (float)(sum / n);
    }

    /// <summary>Mean over rows of -log softmax(logits)[target]; dLogits = (softmax - onehot) / N.</summary>
    public static float CrossEntropy(Tensor logits, ReadOnlySpan<int> targets, Tensor? dLogits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var (n, v) = (logits.Rows, logits.Last);
        if (targets.Length != n)
        {
            Errors.Shape("CrossEntropy", $"logits {Errors.Format(logits.Shape)} have {n} rows but {targets.Length} targets");
        }
        dLogits?.Expect("CrossEntropy dLogits", logits.Shape);
        var probs = new float[v];
        double sum = 0;
        for (var r = 0; r < n; r++)
        {
            if ((uint)targets[r] >= (uint)v)
            {
                Errors.Shape("CrossEntropy", $"target {targets[r]} at row {r} is outside [0, {v})");
            }
            Softmax.Row(logits.Span.Slice(r * v, v), probs);
            sum -= Math.Log(Math.Max(probs[targets[r]], 1e-30f));
            if (dLogits != null)
            {
                var d = dLogits.Span.Slice(r * v, v);
                for (var j = 0; j < v; j++)
                {
                    d[j] = (probs[j] - (j == targets[r] ? 1f : 0f)) / n;
                }
            }
        }
        return (float)(sum / n);
    }

    private static void Check(string op, Tensor pred, Tensor target, Tensor? grad)
    {
        ArgumentNullException.ThrowIfNull(pred);
        ArgumentNullException.ThrowIfNull(target);
        target.Expect(op + " target", pred.Shape);
        grad?.Expect(op + " grad", pred.Shape);
        if (pred.Length == 0)
        {
            Errors.Shape(op, "empty input has no mean");
        }
    }
}
