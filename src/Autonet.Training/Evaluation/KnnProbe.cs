using System.Numerics.Tensors;

namespace Autonet.Training.Evaluation;

/// <summary>
/// k-nearest-neighbour classification of frozen features by cosine similarity (k = 20 as in Wu et al. 2018 and DINO's
/// k-NN evaluation): each test row takes the majority label of its k most similar training rows, ties broken by the
/// larger summed similarity, then by the smaller label. Nothing is fitted, so it cannot overfit the way a trained
/// probe can. Exact (every pair is compared), deterministic; O(N_test x N_train x D), not an index for big sets.
/// Legend: N samples, D feature width.
/// </summary>
public static class KnnProbe
{
    public const int DefaultK = 20;

    /// <summary>Fraction of <paramref name="test"/> rows (N_test, D) whose k-NN vote among <paramref name="train"/> (N_train, D) equals the label.</summary>
    /// <exception cref="ArgumentException">Lengths disagree, k is outside [1, N_train], a label is negative, or a feature is not finite.</exception>
    public static double Accuracy(ReadOnlySpan<float> train, ReadOnlySpan<int> trainLabels, ReadOnlySpan<float> test, ReadOnlySpan<int> testLabels, int dim, int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Check(train, trainLabels, dim, nameof(train));
        Check(test, testLabels, dim, nameof(test));
        var (nTrain, nTest) = (trainLabels.Length, testLabels.Length);
        if (k < 1 || k > nTrain)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {nTrain}] (the training rows)");
        }
        var classes = 0;
        foreach (var label in trainLabels)
        {
            classes = Math.Max(classes, label + 1);
        }
        var unitTrain = Normalized(train, nTrain, dim); // (N_train, D), rows of length 1 (zero rows stay zero)
        var row = new float[dim];
        var similarity = new float[nTrain];
        var best = new int[k];
        var votes = new int[classes];
        var weight = new double[classes];
        var correct = 0;
        for (var i = 0; i < nTest; i++)
        {
            test.Slice(i * dim, dim).CopyTo(row);
            Normalize(row);
            for (var j = 0; j < nTrain; j++)
            {
                similarity[j] = TensorPrimitives.Dot(row, unitTrain.AsSpan(j * dim, dim));
            }
            TopK(similarity, best);
            Array.Clear(votes);
            Array.Clear(weight);
            foreach (var j in best)
            {
                votes[trainLabels[j]]++;
                weight[trainLabels[j]] += similarity[j];
            }
            var predicted = 0;
            for (var c = 1; c < classes; c++)
            {
                if (votes[c] > votes[predicted] || (votes[c] == votes[predicted] && weight[c] > weight[predicted]))
                {
                    predicted = c;
                }
            }
            correct += predicted == testLabels[i] ? 1 : 0;
        }
        return nTest == 0 ? 0 : (double)correct / nTest;
    }

    // Indices of the k largest similarities (ties: the lower index), by a bounded insertion into best (sorted descending).
    private static void TopK(ReadOnlySpan<float> similarity, Span<int> best)
    {
        var filled = 0;
        for (var j = 0; j < similarity.Length; j++)
        {
            var s = similarity[j];
            if (filled == best.Length && s <= similarity[best[filled - 1]])
            {
                continue;
            }
            var at = Math.Min(filled, best.Length - 1);
            while (at > 0 && similarity[best[at - 1]] < s)
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = j;
            filled = Math.Min(filled + 1, best.Length);
        }
    }

    private static float[] Normalized(ReadOnlySpan<float> x, int n, int dim)
    {
        var y = x.ToArray();
        for (var i = 0; i < n; i++)
        {
            Normalize(y.AsSpan(i * dim, dim));
        }
        return y;
    }

    private static void Normalize(Span<float> row)
    {
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0)
        {
            TensorPrimitives.Divide(row, norm, row);
        }
    }

    private static void Check(ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int dim, string name)
    {
        if (features.Length != labels.Length * dim)
        {
            throw new ArgumentException($"{name} has {features.Length} values but {labels.Length} labels x dim {dim} = {labels.Length * dim}", name);
        }
        foreach (var label in labels)
        {
            if (label < 0)
            {
                throw new ArgumentException($"{name}: label {label} is negative", name);
            }
        }
        if (!TensorPrimitives.IsFiniteAll(features))
        {
            throw new ArgumentException($"{name} contains NaN or infinity; a probe of non-finite embeddings means nothing", name);
        }
    }
}
