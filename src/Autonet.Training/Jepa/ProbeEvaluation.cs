// `autonet eval probe`: linear evaluation (I-JEPA §5) of frozen mean-pooled target-encoder (or context-encoder)
// features on Fashion-MNIST, with a k-NN probe (k = 20, cosine) beside it that fits nothing.
// The two baselines run in the same call on the same samples with the same probes: raw standardized pixels, and the
// same architecture at random init (seed 0: the trained model's starting point only if it was trained with seed 0).
// StandardizedAccuracy is the network's per-round metric: the same features, z-scored with the training subset's
// statistics so one fixed probe learning rate suits every round's model whatever the scale of its features.
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>Linear probe of a trained image JEPA against raw-pixel and random-init baselines.</summary>
public static class ProbeEvaluation
{
    /// <summary>Linear and k-NN probes of the model's features (the EMA target encoder's unless <paramref name="useTarget"/> is false), raw pixels and random init.</summary>
    /// <remarks>regions &gt; 1 probes grid-pooled features (FeatureExtractor); collapse metrics always use the mean-pooled (N, C) ones.</remarks>
    public static ProbeReport Run(JepaModel model, ImageDataset train, ImageDataset test, LinearProbeOptions? options = null, int randomInitSeed = 12345, bool useTarget = true, int regions = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (model.Config.Modality != Modality.Image)
        {
            Errors.Option("modality", model.Config.Modality, "the Fashion-MNIST probe needs an image model");
        }
        var trainSource = new ImageBatchSource(train, model.Config);
        var testSource = new ImageBatchSource(test, model.Config);
        var trainIdx = Enumerable.Range(0, train.Count).ToArray();
        var testIdx = Enumerable.Range(0, test.Count).ToArray();
        var trainLabels = train.Labels.Select(l => (int)l).ToArray();
        var testLabels = test.Labels.Select(l => (int)l).ToArray();
        var width = model.Config.Width;
        var dim = FeatureExtractor.Dim(model.Config, regions);

        var k = Math.Min(KnnProbe.DefaultK, train.Count);
        (double Linear, double Knn) Probe(float[] fit, float[] eval, int dim) =>
            (LinearProbe.Fit(fit, trainLabels, dim, FashionMnist.ClassCount, options).Accuracy(eval, testLabels),
             KnnProbe.Accuracy(fit, trainLabels, eval, testLabels, dim, k));

        CollapseMetrics Collapse(JepaModel m, float[] probed) =>
            CollapseMetrics.Measure(regions == 1 ? probed : FeatureExtractor.Extract(m, testSource, testIdx, useTarget: useTarget), test.Count, width);

        var trainedTest = FeatureExtractor.Extract(model, testSource, testIdx, useTarget: useTarget, regions: regions);
        var trained = Probe(FeatureExtractor.Extract(model, trainSource, trainIdx, useTarget: useTarget, regions: regions), trainedTest, dim);
        var raw = Probe(train.Pixels, test.Pixels, train.PixelsPerImage);
        var random = new JepaModel(model.Config, randomInitSeed);
        var randomTest = FeatureExtractor.Extract(random, testSource, testIdx, useTarget: useTarget, regions: regions);
        var randomAcc = Probe(FeatureExtractor.Extract(random, trainSource, trainIdx, useTarget: useTarget, regions: regions), randomTest, dim);
        return new ProbeReport(train.Count, test.Count, trained.Linear, raw.Linear, randomAcc.Linear, Collapse(model, trainedTest), Collapse(random, randomTest))
        {
            TrainedKnn = trained.Knn,
            RawPixelKnn = raw.Knn,
            RandomInitKnn = randomAcc.Knn,
        };
    }

    /// <summary>
    /// The probe accuracy the network reports each round: standardized features (mean-pooled, or grid-pooled over
    /// regions x regions blocks of the patch grid), 30 epochs at lr 1e-2.
    /// </summary>
    /// <exception cref="ArgumentException">regions is not 1..the patch grid's side.</exception>
    public static double StandardizedAccuracy(JepaModel model, ImageDataset train, ImageDataset test, int regions = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var dim = FeatureExtractor.Dim(model.Config, regions);
        var (xTrain, yTrain) = Features(model, train, regions);
        var (xTest, yTest) = Features(model, test, regions);
        Standardize(xTrain, xTest, dim);
        var probe = LinearProbe.Fit(xTrain, yTrain, dim, FashionMnist.ClassCount, new LinearProbeOptions { Epochs = 30, LearningRate = 1e-2f });
        return probe.Accuracy(xTest, yTest);
    }

    private static (float[] X, int[] Y) Features(JepaModel model, ImageDataset data, int regions) =>
        (FeatureExtractor.Extract(model, new ImageBatchSource(data, model.Config), [.. Enumerable.Range(0, data.Count)], new ActivationArena(), regions: regions), [.. data.Labels.Select(l => (int)l)]);

    // z-score each feature with the training subset's mean and deviation.
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
}
