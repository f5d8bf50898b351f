// The global model's linear-probe accuracy (I-JEPA's evaluation): mean-pooled target-encoder features of a labelled
// training subset fit a softmax probe (Autonet.Training's LinearProbe), scored on a held-out test subset.
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;

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

    private static (float[] X, int[] Y) Features(JepaModel model, ImageDataset data, int[] indices)
    {
        var subset = data.Subset(indices);
        var x = FeatureExtractor.Extract(model, new ImageBatchSource(subset, model.Config), [.. Enumerable.Range(0, subset.Count)], new ActivationArena());
        return (x, [.. subset.Labels.Select(l => (int)l)]);
    }
}
