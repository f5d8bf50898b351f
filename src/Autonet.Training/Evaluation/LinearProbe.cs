using System.Numerics.Tensors;

namespace Autonet.Training.Evaluation;

/// <summary>
/// A linear classifier (multinomial logistic regression) trained on frozen features: the standard probe of
/// self-supervised representations (I-JEPA §5 uses linear evaluation). Features are standardized with the training
/// set's mean and std, then a softmax layer is fit by mini-batch Adam with decoupled weight decay.
/// Deterministic for a seed (one thread, fixed shuffle). Not a general classifier: no hidden layers, no early stopping.
/// Legend: N samples, D feature width, C classes; W is (C, D) row-major so each logit is one dot product.
/// </summary>
public sealed class LinearProbe
{
    private readonly float[] _mean;    // (D)
    private readonly float[] _invStd;  // (D)
    private readonly float[] _weights; // (C, D)
    private readonly float[] _bias;    // (C)

    private LinearProbe(int dim, int classes)
    {
        Dim = dim;
        Classes = classes;
        _mean = new float[dim];
        _invStd = new float[dim];
        _weights = new float[classes * dim];
        _bias = new float[classes];
    }

    public int Dim { get; }

    public int Classes { get; }

    /// <summary>Fits a probe on <paramref name="features"/> (N, D) and <paramref name="labels"/> (N).</summary>
    /// <exception cref="ArgumentException">Lengths disagree, a label is outside [0, classes), or a feature is not finite.</exception>
    public static LinearProbe Fit(ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int dim, int classes, LinearProbeOptions? options = null)
    {
        options ??= new LinearProbeOptions();
        options.Validate();
        var n = CheckInputs(features, labels, dim, classes);
        var probe = new LinearProbe(dim, classes);
        probe.Standardize(features, n);

        var gradW = new float[classes * dim];
        var gradB = new float[classes];
        var adamW = new AdamState(classes * dim);
        var adamB = new AdamState(classes);
        var x = new float[dim];
        var logits = new float[classes];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < n; start += options.BatchSize)
            {
                var end = Math.Min(n, start + options.BatchSize);
                Array.Clear(gradW);
                Array.Clear(gradB);
                for (var i = start; i < end; i++)
                {
                    var row = order[i];
                    probe.Prepare(features.Slice(row * dim, dim), x);
                    probe.Logits(x, logits);
                    TensorPrimitives.SoftMax(logits, logits);
                    logits[labels[row]] -= 1f; // dLoss/dLogits = softmax - onehot
                    for (var c = 0; c < classes; c++)
                    {
                        var g = gradW.AsSpan(c * dim, dim);
                        TensorPrimitives.MultiplyAdd(x, logits[c], g, g);
                        gradB[c] += logits[c];
                    }
                }

                var scale = 1f / (end - start);
                TensorPrimitives.Multiply(gradW, scale, gradW);
                TensorPrimitives.Multiply(gradB, scale, gradB);
                step++;
                adamW.Update(probe._weights, gradW, options.LearningRate, options.WeightDecay, step);
                adamB.Update(probe._bias, gradB, options.LearningRate, 0f, step);
            }
        }

        return probe;
    }

    /// <summary>The predicted class of one feature row (D).</summary>
    public int Predict(ReadOnlySpan<float> row)
    {
        var x = new float[Dim];
        var logits = new float[Classes];
        Prepare(row, x);
        Logits(x, logits);
        return TensorPrimitives.IndexOfMax(logits);
    }

    /// <summary>Fraction of rows of <paramref name="features"/> (N, D) whose prediction equals the label.</summary>
    public double Accuracy(ReadOnlySpan<float> features, ReadOnlySpan<int> labels)
    {
        var n = CheckInputs(features, labels, Dim, Classes);
        var x = new float[Dim];
        var logits = new float[Classes];
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            Prepare(features.Slice(i * Dim, Dim), x);
            Logits(x, logits);
            correct += TensorPrimitives.IndexOfMax(logits) == labels[i] ? 1 : 0;
        }

        return n == 0 ? 0 : (double)correct / n;
    }

    private void Standardize(ReadOnlySpan<float> features, int n)
    {
        var sum = new double[Dim];
        var sumSquares = new double[Dim];
        for (var i = 0; i < n; i++)
        {
            var row = features.Slice(i * Dim, Dim);
            for (var d = 0; d < Dim; d++)
            {
                sum[d] += row[d];
                sumSquares[d] += (double)row[d] * row[d];
            }
        }

        for (var d = 0; d < Dim; d++)
        {
            var mean = sum[d] / n;
            var variance = Math.Max(0, (sumSquares[d] / n) - (mean * mean));
            _mean[d] = (float)mean;
            _invStd[d] = (float)(1 / Math.Sqrt(variance + 1e-6)); // constant features (blank pixels) stay finite
        }
    }

    private void Prepare(ReadOnlySpan<float> row, Span<float> x)
    {
        TensorPrimitives.Subtract(row, _mean, x);
        TensorPrimitives.Multiply(x, _invStd, x);
    }

    private void Logits(ReadOnlySpan<float> x, Span<float> logits)
    {
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = TensorPrimitives.Dot(x, _weights.AsSpan(c * Dim, Dim)) + _bias[c];
        }
    }

    private static int CheckInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int dim, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (features.Length != labels.Length * dim)
        {
            throw new ArgumentException($"features has {features.Length} values but {labels.Length} labels x dim {dim} = {labels.Length * dim}", nameof(features));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"label {labels[i]} at row {i} is outside [0, {classes})", nameof(labels));
            }
        }

        if (!TensorPrimitives.IsFiniteAll(features))
        {
            throw new ArgumentException("features contain NaN or infinity; a probe of non-finite embeddings means nothing", nameof(features));
        }

        return labels.Length;
    }
}
