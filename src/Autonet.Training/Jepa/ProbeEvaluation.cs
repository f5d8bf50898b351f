// `autonet eval probe`: linear evaluation (I-JEPA §5) of frozen mean-pooled target-encoder features on Fashion-MNIST.
// The two baselines run in the same call on the same samples with the same probe: raw standardized pixels, and the
// same architecture at random init (seed 0: the trained model's starting point only if it was trained with seed 0).
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>Linear probe of a trained image JEPA against raw-pixel and random-init baselines.</summary>
public static class ProbeEvaluation
{
    public static ProbeReport Run(JepaModel model, ImageDataset train, ImageDataset test, LinearProbeOptions? options = null, int randomInitSeed = 12345)
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

        double Probe(float[] fit, float[] eval, int dim) =>
            LinearProbe.Fit(fit, trainLabels, dim, FashionMnist.ClassCount, options).Accuracy(eval, testLabels);

        var trainedTest = FeatureExtractor.Extract(model, testSource, testIdx);
        var trained = Probe(FeatureExtractor.Extract(model, trainSource, trainIdx), trainedTest, width);
        var raw = Probe(train.Pixels, test.Pixels, train.PixelsPerImage);
        var random = new JepaModel(model.Config, randomInitSeed);
        var randomTest = FeatureExtractor.Extract(random, testSource, testIdx);
        var randomAcc = Probe(FeatureExtractor.Extract(random, trainSource, trainIdx), randomTest, width);
        return new ProbeReport(train.Count, test.Count, trained, raw, randomAcc,
            CollapseMetrics.Measure(trainedTest, test.Count, width), CollapseMetrics.Measure(randomTest, test.Count, width));
    }
}
