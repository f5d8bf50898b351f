// What a run trains and measures on, by modality. Images: Fashion-MNIST train images split among solvers non-IID
// (Dirichlet α), the proposer's validation set from the test split, the global metric a linear probe on held-out
// images. Text: a conversation folder's windows (TextCorpus) split among solvers by file, the validation set and
// the global metric (mean prediction-target cosine, JepaVerifier) from its held-out windows.
using Autonet.Data.Federated;
using Autonet.Data.Images;
using Autonet.Node.Training;
using TextBatchSource = Autonet.Training.Jepa.TextBatchSource;

namespace Autonet.Devnet.Network;

/// <summary>The run's data: each solver's share, the validation set blob, and the global metric.</summary>
internal sealed record RunData(string MetricName, Func<byte[], double> Measure, int[][] Split, byte[] ValidationSet, ImageDataset? Images, TextCorpus? Corpus)
{
    public static RunData Load(NetworkOptions options)
    {
        if (options.Modality == Autonet.Models.Jepa.Modality.Text)
        {
            var config = options.EffectiveModel;
            var corpus = TextCorpus.Load(options.TextDirectory!, config.MaxTokens); // Validate requires it for text
            var validation = Math.Min(options.ValidationImages, corpus.HeldOut.Count / 2);
            var metricWindows = corpus.HeldOut.Skip(validation).Take(options.ProbeTest).ToList();
            return new RunData(options.MetricName, model => JepaTrainer.Cosine(model, new TextBatchSource(metricWindows, config)),
                corpus.Split(options.Solvers), Node.Training.ValidationSet.EncodeText([.. corpus.HeldOut.Take(validation)]), null, corpus);
        }
        var train = FashionMnist.Load(FashionMnistSplit.Train, maxCount: options.TrainImages + options.ProbeTrain);
        var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: options.ValidationImages + options.ProbeTest);
        var probe = new ProbeEvaluator(train, Range(options.TrainImages, options.ProbeTrain), test, Range(options.ValidationImages, options.ProbeTest));
        var split = DirichletSplitter.Split(train.Labels.AsSpan(0, options.TrainImages), options.Solvers, options.DirichletAlpha, options.Seed, minPerClient: 10);
        return new RunData(options.MetricName, probe.Accuracy, split, Node.Training.ValidationSet.Encode(test, Range(0, options.ValidationImages)), train, null);
    }

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];
}
