// Issue 17's search for the network's default image model: the main job's rounds without the chain. A genesis model
// (seed 7), 3 solvers on the main job's Dirichlet(0.5) split of 6,000 Fashion-MNIST images (seed 42), each round
// LocalTraining.TrainDelta on every solver's share, scored as a coordinator scores it (VerificationScore on 64 test
// images) and their score-weighted mean applied (FedAvg; no forced error, no chain), then the network's per-round probe
// (ProbeEvaluation.StandardizedAccuracy on the next PROBE_TRAIN training images, tested on test images 1,000..1,999).
// Not a test and not a product path: a quick search tool, minutes per configuration instead of a chain run.
// Usage: [THREADS=1] dotnet run -c Release scripts/network-rounds-sim.cs -- [WIDTH [DEPTH [STEM [INVARIANCE [STEPS [ROUNDS
//        [REGIONS [PROBE_TRAIN [PRED_WIDTH [PRED_DEPTH [LR [EMA [BATCH [STEM_LAYERS [TRAIN_IMAGES [LR_FACTOR_PER_ROUND]]]]]]]]]]]]]]]]   (defaults: the network's image defaults)
#:project ../src/Autonet.Training/Autonet.Training.csproj
#:property TreatWarningsAsErrors=false
#:property NoWarn=CS1591
#:property PublishAot=false
using System.Globalization;
using Autonet.Data.Federated;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

var a = args.Select(s => s).ToArray();
if (Environment.GetEnvironmentVariable("THREADS") == "1") { Parallelism.Degree = 1; Gemm.NativeThreads = 1; }
int I(int i, int d) => a.Length > i ? int.Parse(a[i], CultureInfo.InvariantCulture) : d;
float F(int i, float d) => a.Length > i ? float.Parse(a[i], CultureInfo.InvariantCulture) : d;
var width = I(0, 32); var depth = I(1, 2); var stem = I(2, 0); var inv = F(3, 0f); var steps = I(4, 300); var rounds = I(5, 3);
var regions = I(6, 1); var probeTrain = I(7, 2000); var predW = I(8, 16); var predD = I(9, 1); var lr = F(10, 1e-3f); var ema = F(11, 0.99f); var batch = I(12, 32); var stemLayers = I(13, 2);
var solvers = 3; var trainImages = I(14, 6000);
var config = new JepaConfig
{
    Modality = Modality.Image, MaxTokens = 64, Width = width, Depth = depth, Heads = Math.Max(2, width / 16), PredictorWidth = predW, PredictorDepth = predD,
    PredictorHeads = 2, MlpRatio = 2, VarianceWeight = 1, CovarianceWeight = 0.04f, ImageSize = 28, PatchSize = 4, InvarianceWeight = inv,
    StemChannels = stem, StemLayers = stem > 0 ? stemLayers : 0,
};
config.Validate();
var train = FashionMnist.Load(FashionMnistSplit.Train, maxCount: trainImages + probeTrain);
var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: 1000 + 1000);
var probeTr = train.Subset(Enumerable.Range(trainImages, probeTrain).ToArray());
var probeTe = test.Subset(Enumerable.Range(1000, 1000).ToArray());
var split = DirichletSplitter.Split(train.Labels.AsSpan(0, trainImages), solvers, 0.5, 42, minPerClient: 10);
var model = new JepaModel(config, 7);
var sw = System.Diagnostics.Stopwatch.StartNew();
double Probe(JepaModel m) => ProbeEvaluation.StandardizedAccuracy(m, probeTr, probeTe, regions);
var line = $"w{width} d{depth} stem{stem}x{stemLayers} inv{inv} steps{steps} reg{regions} pt{probeTrain} pred{predW}x{predD} lr{lr} ema{ema} b{batch} train{trainImages}: {Probe(model):P1}";
Console.WriteLine(line);
for (var r = 1; r <= rounds; r++)
{
    var spec = new TrainingSpec { Steps = steps, Batch = batch, LearningRate = lr * MathF.Pow(F(15, 1f), r - 1), EmaMomentum = ema, Seed = r };
    var flat = ModelBytes.Flatten(model);
    var sum = new double[flat.Length];
    var validation = new ImageBatchSource(test.Subset(Enumerable.Range((r - 1) * 64, 64).ToArray()), config); // a fresh sample of the pool each round
    var scorer = new VerificationScore(model, validation, seed: r);
    var scores = new List<double>();
    for (var s = 0; s < solvers; s++)
    {
        var src = new ImageBatchSource(train.Subset(split[s]), config);
        var d = LocalTraining.TrainDelta(model, src, spec, (ulong)(1000 + s), CancellationToken.None);
        var score = scorer.Score(d); // what a coordinator pays for: min(relative loss gain, cosine gain), 0 at or below 1e-4
        scores.Add(score);
        for (var i = 0; i < d.Length; i++) sum[i] += score * d[i];
    }
    var total = scores.Sum(); // FedAvg weighted by score, as the aggregator does; no model when every score is 0
    for (var i = 0; i < flat.Length && total > 0; i++) flat[i] += (float)(sum[i] / total);
    ModelBytes.Unflatten(model, flat);
    var p = Probe(model);
    line += $" -> {p:P1}";
    var shown = string.Join(", ", scores.Select(x => x.ToString("F4", CultureInfo.InvariantCulture)));
    line += $" (scores {shown})";
    Console.WriteLine($"round {r}: {p:P1}, solvers' scores {shown} ({sw.Elapsed.TotalSeconds:F0} s)");
}
Console.WriteLine("RESULT " + line + $" [{sw.Elapsed.TotalSeconds:F0} s]");
