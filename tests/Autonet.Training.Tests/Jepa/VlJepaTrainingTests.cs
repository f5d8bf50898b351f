using Autonet.Models.Jepa;
using Autonet.Tests.Pairs;
using Autonet.Training.Deltas;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public sealed class VlJepaTrainingTests : IDisposable
{
    private static readonly JepaConfig Config = new()
    {
        Modality = Modality.Multimodal,
        ImageSize = 32,
        PatchSize = 8,
        MaxTokens = 64,
        Width = 32,
        Depth = 1,
        Heads = 2,
        PredictorWidth = 16,
        PredictorDepth = 1,
        PredictorHeads = 2,
        VarianceWeight = 1,
        CovarianceWeight = 0.04f,
        AlignmentWeight = 1,
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-vl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_RenderedPairs_LowersHeldOutLossAndRoundTripsAsBytesAndDeltas()
    {
        RenderedPairs.Write(_dir, count: 48, heldOut: 16, size: 32);
        var (train, heldOut, description) = DataSources.Pairs(Config, _dir);
        Assert.Contains("32 train / 16 held-out", description, StringComparison.Ordinal);
        var model = new JepaModel(Config, seed: 1);
        var initial = ModelBytes.Copy(model);
        var before = JepaVerifier.Score(model, heldOut, 16, batchSize: 8);
        var trainer = new JepaTrainer(model, train, new TrainingOptions { Steps = 30, BatchSize = 16, LearningRate = 2e-3f, MetricsEvery = 0, Seed = 3 });
        var parts = new List<VlJepaLosses>();
        while (!trainer.Done)
        {
            parts.Add(trainer.TrainStep().Parts!);
        }
        var after = JepaVerifier.Score(model, heldOut, 16, batchSize: 8);
        Assert.True(after.Loss < before.Loss, $"held-out loss {before.Loss} -> {after.Loss}");
        Assert.Contains(parts, p => p.Image is not null && p.Text is not null && p.CrossModal is not null && p.Contrast > 0);

        var back = ModelBytes.Deserialize(ModelBytes.Serialize(model));
        Assert.Equal(ModelBytes.Flatten(model), ModelBytes.Flatten(back));
        var delta = WeightDelta.Compute(initial, model);
        WeightDelta.Apply(initial, delta);
        Assert.Equal(after.Loss, JepaVerifier.Score(initial, heldOut, 16, batchSize: 8).Loss, 4); // base + (new - base) is new to within rounding
        var retrieval = RetrievalEvaluation.Run(model, heldOut, train);
        Assert.Equal(16, retrieval.ImageToText.Queries);
        Assert.InRange(retrieval.TextToImage.RecallAt5, 0, 1);
        Assert.Equal(32, retrieval.ReferencePairs); // the means and CSLS's querybank come from the train pairs
        Assert.InRange(retrieval.Csls.ImageToText.DistinctNeighbours, 1, 16);
        Assert.All(retrieval.Offsets.Values, o => Assert.InRange(o.TrainCentred, 0, 1));
    }

    [Fact]
    public void Resume_WithInfoNceQueue_BitIdenticalToUninterruptedRun()
    {
        TinyRuns.SingleThread();
        RenderedPairs.Write(_dir, count: 40, heldOut: 8, size: 32);
        var config = Config with { AlignmentQueue = 24 };
        var options = new TrainingOptions { Steps = 6, BatchSize = 8, MetricsEvery = 0, Seed = 2 };
        JepaTrainer Trainer() => new(new JepaModel(config, options.Seed), DataSources.Pairs(config, _dir).Train, options);
        var straight = Trainer();
        while (!straight.Done)
        {
            straight.TrainStep();
        }
        var first = Trainer();
        for (var i = 0; i < 4; i++)
        {
            first.TrainStep(); // 4 steps of ~4 pairs: the queue holds keys when the checkpoint is taken
        }
        Assert.True(first.Model.KeyQueues[0].Queue.Count > 0);
        var path = Path.Combine(_dir, "checkpoint.safetensors");
        JepaCheckpoint.Save(path, first);
        var resumed = Trainer();
        JepaCheckpoint.Resume(path, resumed);
        Assert.Equal(first.Model.KeyQueues[1].Queue.Save(), resumed.Model.KeyQueues[1].Queue.Save());
        while (!resumed.Done)
        {
            resumed.TrainStep();
        }
        Assert.Equal(straight.Model.Encoder.Values, resumed.Model.Encoder.Values);
        Assert.Equal(straight.Model.Predictor.Values, resumed.Model.Predictor.Values);
    }

    [Fact]
    public void Train_WithUniformity_ReportsItAndChangesTheSteps()
    {
        RenderedPairs.Write(_dir, count: 32, heldOut: 8, size: 32);
        var (train, _, _) = DataSources.Pairs(Config, _dir);
        JepaTrainer Trainer(JepaConfig config) => new(new JepaModel(config, seed: 1), train, new TrainingOptions { Steps = 3, BatchSize = 16, MetricsEvery = 0, Seed = 3 });
        var (plain, spread) = (Trainer(Config), Trainer(Config with { UniformityWeight = 0.5f }));
        for (var i = 0; i < 3; i++)
        {
            var (a, b) = (plain.TrainStep(), spread.TrainStep());
            Assert.Null(a.Parts!.Uniformity);
            Assert.InRange(b.Parts!.Uniformity!.Value, -0.5f * 4 * (float)Uniformity.Scale, 0f); // weight x log E exp(-t d), d in [0, 4]
            if (i == 0)
            {
                Assert.Equal(a.Parts.Contrast, b.Parts.Contrast, 4); // the first step sees the same weights and batch
            }
        }
        Assert.NotEqual(plain.Model.Predictor.Values, spread.Model.Predictor.Values); // its gradient reaches the heads
    }

    [Fact]
    public void Train_LearnedTemperature_MovesFromItsStartAndIsSaved()
    {
        RenderedPairs.Write(_dir, count: 32, heldOut: 8, size: 32);
        var (train, _, _) = DataSources.Pairs(Config, _dir);
        var config = Config with { LearnedTemperature = true, AlignmentTemperature = 0.2f };
        var model = new JepaModel(config, seed: 1);
        var plain = new JepaModel(Config, seed: 1);
        Assert.Equal(plain.Predictor.Values, model.Predictor.Values.AsSpan(0, plain.Predictor.Count).ToArray()); // one float appended, nothing else moved
        var trainer = new JepaTrainer(model, train, new TrainingOptions { Steps = 6, BatchSize = 16, LearningRate = 1e-2f, MetricsEvery = 0, Seed = 3 });
        var first = trainer.TrainStep().Parts!.Temperature;
        Assert.Equal(0.2f, first!.Value, 5);
        float? last = null;
        while (!trainer.Done)
        {
            last = trainer.TrainStep().Parts!.Temperature;
        }
        Assert.NotEqual(first, last); // it gets a gradient and AdamW moves it
        Assert.InRange(last!.Value, JepaConfig.MinLearnedTemperature, 1f);
        var back = ModelBytes.Deserialize(ModelBytes.Serialize(model));
        Assert.True(back.Config.LearnedTemperature);
        Assert.Equal(model.Predictor["predictor.alignment.logit_scale"].Value[0], back.Predictor["predictor.alignment.logit_scale"].Value[0]);
        Assert.Null(new JepaTrainer(plain, train, new TrainingOptions { Steps = 1, BatchSize = 16, MetricsEvery = 0, Seed = 3 }).TrainStep().Parts!.Temperature);
    }

    [Fact]
    public void New_QueueOnImageModel_ThrowsNamingAlignmentQueue()
    {
        var error = Assert.Throws<ArgumentException>(() => new JepaModel(new JepaConfig { AlignmentQueue = 8 }));
        Assert.Equal("alignment_queue", error.ParamName);
    }

    [Fact]
    public void Masks_JointPositions_PatchesThenRealTextOnly()
    {
        var texts = new[] { "short text", new string('x', 200) };
        var images = texts.Select(_ => new float[32 * 32]).ToList();
        var source = new PairBatchSource(images, texts, Config);
        var input = source.Input([0, 1]);
        var masks = source.Masks(input, BatchSource.StepRandom(1, 0));
        var (p, kc, kt) = (Config.ImageTokens, masks.ContextPerSample, masks.TargetsPerSample);
        for (var n = 0; n < 2; n++)
        {
            var context = masks.Context.AsSpan(n * kc, kc).ToArray();
            var targets = masks.Targets.AsSpan(n * kt, kt).ToArray();
            Assert.DoesNotContain(context, i => i >= p && targets.Contains(i)); // text targets are never context
            Assert.Contains(context, i => i < p);
            Assert.Contains(targets, i => i >= p);
            Assert.All(context.Concat(targets).Where(i => i >= p), i => Assert.True(i - p < input.TextLengths![n], $"sample {n}: text position {i - p} is padding"));
        }
        Assert.Equal([10, 64], input.TextLengths!);
    }

    [Fact]
    public void TrainingInput_DropsModalitiesBySeed()
    {
        var source = new PairBatchSource([.. Enumerable.Range(0, 64).Select(_ => new float[32 * 32])], [.. Enumerable.Range(0, 64).Select(i => $"text {i}")], Config);
        var input = source.TrainingInput([.. Enumerable.Range(0, 64)], BatchSource.StepRandom(5, 0));
        var kinds = Enumerable.Range(0, 64).Select(i => (input.HasVisual![i], input.HasText![i])).ToList();
        Assert.Contains((true, true), kinds);
        Assert.Contains((true, false), kinds);
        Assert.Contains((false, true), kinds);
        Assert.DoesNotContain((false, false), kinds);
        var again = source.TrainingInput([.. Enumerable.Range(0, 64)], BatchSource.StepRandom(5, 0));
        Assert.Equal(kinds, Enumerable.Range(0, 64).Select(i => (again.HasVisual![i], again.HasText![i])));
    }

    [Fact]
    public void New_TextModel_ThrowsNamingModality()
    {
        var error = Assert.Throws<ArgumentException>(() => new PairBatchSource([new float[4]], ["a"], new JepaConfig { Modality = Modality.Text }));
        Assert.Equal("modality", error.ParamName);
    }
}
