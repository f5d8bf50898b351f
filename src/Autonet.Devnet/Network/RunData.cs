// What a run trains and measures on, by modality. Images: Fashion-MNIST train images split among solvers non-IID
// (Dirichlet α), the proposer's validation set from the test split, the global metric a linear probe on held-out
// images. Text: a conversation folder's windows (TextCorpus) split among solvers by file, the validation set and
// the global metric (mean prediction-target cosine, VerificationScore.Cosine) from its held-out windows.
using Autonet.Data.Federated;
using Autonet.Data.Images;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

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
            return new RunData(options.MetricName, model => VerificationScore.Cosine(ModelBytes.Deserialize(model), new TextBatchSource(metricWindows, config)),
                corpus.Split(options.Solvers), Autonet.Training.Rounds.ValidationSet.EncodeText([.. corpus.HeldOut.Take(validation)]), null, corpus);
        }
        var train = FashionMnist.Load(FashionMnistSplit.Train, maxCount: options.TrainImages + options.ProbeTrain);
        var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: options.ValidationImages + options.ProbeTest);
        var (probeTrain, probeTest) = (train.Subset(Range(options.TrainImages, options.ProbeTrain)), test.Subset(Range(options.ValidationImages, options.ProbeTest)));
        var split = DirichletSplitter.Split(train.Labels.AsSpan(0, options.TrainImages), options.Solvers, options.DirichletAlpha, options.Seed, minPerClient: 10);
        return new RunData(options.MetricName, model => ProbeEvaluation.StandardizedAccuracy(ModelBytes.Deserialize(model), probeTrain, probeTest), split, Autonet.Training.Rounds.ValidationSet.Encode(test, Range(0, options.ValidationImages)), train, null);
    }

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];
}
