// What a run trains and measures on, by modality. Images: Fashion-MNIST train images split among solvers non-IID
// (Dirichlet α), the proposer's private held-out pool from the test split (a fresh validation sample of it for every
// task), the global metric a linear probe on other held-out images. Text: a conversation folder's windows
// (TextCorpus) split among solvers by file, the pool and the global metric (mean prediction-target cosine,
// VerificationScore.Cosine) from its held-out windows. Multimodal: a pair folder's train pairs dealt out in turn, the
// pool and the metric (the same cosine, over masked patches, spans and cross-modal rows) from its held-out pairs.
using Autonet.Data.Consent;
using Autonet.Data.Federated;
using Autonet.Data.Images;
using Autonet.Data.Text;
using Autonet.Devnet.Faults;
using Autonet.Node;
using Autonet.Node.Config;
using Autonet.Node.Roles;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Network;

/// <summary>The run's data: each solver's share, the proposer's validation sets, and the global metric.</summary>
internal sealed record RunData(
    string MetricName, Func<byte[], double> Measure, int[][] Split, Func<int, byte[]> ValidationFor, ImageDataset? Images, TextCorpus? Corpus)
{
    /// <summary>The proposer's secret: which samples of its pool each task's set holds (nobody else can predict the next set).</summary>
    public static ulong SecretOf(NetworkOptions options) => (options ?? throw new ArgumentNullException(nameof(options))).Seed ^ 0x5EC12E7UL;

    /// <summary>The size of the proposer's held-out pool (images: --validation-pool; text: at most half the held-out windows).</summary>
    public int PoolSize { get; init; }

    /// <summary>A multimodal run's train pairs (the solvers' shares index them); null otherwise.</summary>
    public IReadOnlyList<Data.Pairs.ImageTextPair>? TrainPairs { get; init; }

    /// <summary>The text source as resolved against the user's config.yaml (null for images): a public corpus, or their data with consent.</summary>
    public TextDataConfig? TextSource { get; init; }

    /// <summary>What the forced-error planter trains on: the whole training set (every solver's share), so its
    /// direction generalises to any validation sample and its negation harms it (ForcedErrorTrainer).</summary>
    public int[] PlanterShare { get; init; } = [];

    /// <exception cref="Data.Consent.ConsentRequiredException">--text-dir is the user's data and data.train_on_agent_data is false</exception>
    public static RunData Load(NetworkOptions options)
    {
        var secret = SecretOf(options);
        if (options.Modality == Autonet.Models.Jepa.Modality.Text)
        {
            var config = options.EffectiveModel;
            var user = AutonetConfig.Load(new NodeHome(options.Home)).TextData();
            var source = CorpusFolder.Named(options.TextDirectory!, user); // Validate requires it for text
            var corpus = TextCorpus.Load(source, config.MaxTokens);
            var pool = Math.Min(options.ValidationPool, corpus.HeldOut.Count / 2);
            var metricWindows = corpus.HeldOut.Skip(pool).Take(options.ProbeTest).ToList();
            return new RunData(options.MetricName, model => VerificationScore.Cosine(ModelBytes.Deserialize(model), new TextBatchSource(metricWindows, config)),
                corpus.Split(options.Solvers), round => ValidationSet.EncodeText([.. HeldOutPool.Sample(pool, options.ValidationImages, secret, round).Select(i => corpus.HeldOut[i])]),
                null, corpus)
            { TextSource = source, PlanterShare = Range(0, corpus.Train.Count), PoolSize = pool };
        }
        if (options.Modality == Autonet.Models.Jepa.Modality.Multimodal)
        {
            return Pairs(options, secret);
        }
        var train = FashionMnist.Load(FashionMnistSplit.Train, maxCount: options.TrainImages + options.ProbeTrain);
        var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: options.ValidationPool + options.ProbeTest);
        var (probeTrain, probeTest) = (train.Subset(Range(options.TrainImages, options.ProbeTrain)), test.Subset(Range(options.ValidationPool, options.ProbeTest)));
        var split = DirichletSplitter.Split(train.Labels.AsSpan(0, options.TrainImages), options.Solvers, options.DirichletAlpha, options.Seed, minPerClient: 10);
        return new RunData(options.MetricName, model => ProbeEvaluation.StandardizedAccuracy(ModelBytes.Deserialize(model), probeTrain, probeTest, options.ProbeRegions), split,
            round => ValidationSet.Encode(test, HeldOutPool.Sample(options.ValidationPool, options.ValidationImages, secret, round)), train, null)
        { PlanterShare = Range(0, options.TrainImages), PoolSize = options.ValidationPool };
    }

    private static RunData Pairs(NetworkOptions options, ulong secret)
    {
        var config = options.EffectiveModel;
        var (pairs, stats) = Data.Pairs.PairFolder.Read(options.PairsDirectory!, config.ImageSize); // Validate requires it for multimodal
        var train = pairs.Where(p => !p.HeldOut).ToList();
        var heldOut = PairBatchSource.From([.. pairs.Where(p => p.HeldOut)], config);
        var pool = Math.Min(options.ValidationPool, heldOut.Count / 2);
        if (train.Count < options.Solvers || pool < ValidationSet.MinCount)
        {
            throw new ArgumentException($"--pairs {options.PairsDirectory}: {stats}; a run needs a train pair per solver ({options.Solvers}) and {2 * ValidationSet.MinCount} held-out pairs", nameof(options));
        }
        var metric = PairBatchSource.From([.. pairs.Where(p => p.HeldOut).Skip(pool).Take(options.ProbeTest)], config);
        var split = Enumerable.Range(0, options.Solvers).Select(s => Enumerable.Range(0, train.Count).Where(i => i % options.Solvers == s).ToArray()).ToArray();
        return new RunData(options.MetricName, model => VerificationScore.Cosine(ModelBytes.Deserialize(model), metric), split,
            round => ValidationSet.EncodePairs(heldOut, HeldOutPool.Sample(pool, options.ValidationImages, secret, round), config), null, null)
        { TrainPairs = train, PlanterShare = Range(0, train.Count), PoolSize = pool };
    }

    /// <summary>A griefing proposer's set for <paramref name="round"/>: the honest sample with one NaN value, or with the wrong shape.</summary>
    public byte[] BadValidationFor(int round, ProposerFault fault)
    {
        using var input = new MemoryStream(ValidationFor(round));
        var tensors = Safetensors.Read(input).Tensors.ToList();
        var (name, tensor) = tensors[0]; // images (or a text set's tokens); a pair set's tokens and lengths stay as they are
        var values = tensor.Span.ToArray();
        var shape = tensor.Shape;
        if (fault == ProposerFault.NanValidation)
        {
            values[values.Length / 2] = float.NaN;
        }
        else
        {
            shape = [shape[0], values.Length / shape[0]]; // each sample flattened: the wrong rank for images, the wrong length for text windows
        }
        using var output = new MemoryStream();
        Safetensors.Write(output, [new KeyValuePair<string, Tensor>(name, new Tensor(values, 0, shape)), .. tensors.Skip(1)]);
        return output.ToArray();
    }

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];
}
