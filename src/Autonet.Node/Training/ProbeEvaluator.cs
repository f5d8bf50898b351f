// The global model's linear-probe accuracy (I-JEPA's evaluation): mean-pooled target-encoder features of a labelled
// training subset fit a softmax probe (Autonet.Training's LinearProbe), scored on a held-out test subset.
using Autonet.Data.Images;
using Autonet.Tensors.Memory;
using Autonet.Training.Evaluation;

namespace Autonet.Node.Training;

/// <summary>Probe accuracy of serialized models on fixed train/test subsets.</summary>
public sealed class ProbeEvaluator(ImageDataset train, int[] trainIndices, ImageDataset test, int[] testIndices)
{
    public double Accuracy(byte[] model)
    {
        var net = ModelCodec.Deserialize(model);
        var (xTrain, yTrain) = Features(net, train, trainIndices);
        var (xTest, yTest) = Features(net, test, testIndices);
        Standardize(xTrain, xTest, net.Config.Width);
        var probe = LinearProbe.Fit(xTrain, yTrain, net.Config.Width, 10, new LinearProbeOptions { Epochs = 30, LearningRate = 1e-2f });
        return probe.Accuracy(xTest, yTest);
    }

    // z-score each feature with the training subset's mean and deviation, so the probe's fixed learning rate suits
    // every model whatever the scale of its features.
    private static void Standardize(float[] train, float[] test, int c)
    {
        var n = train.Length / c;
        for (var j = 0; j < c; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                sum += train[(i * c) + j];
                squares += (double)train[(i * c) + j] * train[(i * c) + j];
            }
            var mean = sum / n;
            var std = Math.Sqrt(Math.Max((squares / n) - (mean * mean), 1e-12));
            foreach (var x in new[] { train, test })
            {
                for (var i = j; i < x.Length; i += c)
                {
                    x[i] = (float)((x[i] - mean) / std);
                }
            }
        }
    }

    private static (float[] X, int[] Y) Features(JepaNet net, ImageDataset data, int[] indices)
    {
        var c = net.Config.Width;
        var x = new float[indices.Length * c];
        var y = new int[indices.Length];
        var arena = new ActivationArena();
        var pixels = data.PixelsPerImage;
        for (var start = 0; start < indices.Length; start += 64)
        {
            arena.Reset();
            var b = Math.Min(64, indices.Length - start);
            var images = arena.Take(b, 1, data.Rows, data.Columns);
            for (var i = 0; i < b; i++)
            {
                data.Image(indices[start + i]).CopyTo(images.Span.Slice(i * pixels, pixels));
                y[start + i] = data.Labels[indices[start + i]];
            }
            net.Features(images, arena).Span.CopyTo(x.AsSpan(start * c, b * c));
        }
        return (x, y);
    }
}
