using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Images;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>`autonet eval probe`: linear and k-NN probes of a checkpoint vs raw pixels and random init, with collapse metrics.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "model.safetensors or checkpoint.safetensors", Required = true }.ExistingFile();
        var trainSubset = new Option<int>("--train-subset") { Description = "First N Fashion-MNIST train images to fit the probe on", DefaultValueFactory = _ => 10_000 }.Between(10, 60_000);
        var testSubset = new Option<int>("--test-subset") { Description = "First N test images to score", DefaultValueFactory = _ => 10_000 }.Between(10, 10_000);
        var epochs = new Option<int>("--epochs") { Description = "Probe epochs", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var imageDir = new Option<string?>("--image-dir") { Description = "Fashion-MNIST IDX folder [default: Debian's]" }.ExistingFolder();
        var regions = new Option<int>("--pool-regions") { Description = "Mean-pool each of N x N blocks of the patch grid and concatenate (N^2 x width features); 1 = one mean over all patches", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var context = new Option<bool>("--context-encoder") { Description = "Probe the trained context encoder instead of its EMA target encoder" };
        var probe = new Command("probe", "Linear and k-NN (k = 20, cosine) probes on frozen mean-pooled features; baselines: raw pixels and the same encoder at random init");
        foreach (var o in new Option[] { checkpoint, trainSubset, testSubset, epochs, imageDir, context, regions })
        {
            probe.Options.Add(o);
        }
        probe.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var path = result.GetValue(checkpoint)!.FullName; // required option
            var model = JepaCheckpoint.LoadModel(path);
            if (model.Config.Modality != Models.Jepa.Modality.Image)
            {
                throw new UsageException($"--checkpoint '{path}': a {Devnet.KebabNames.Of(model.Config.Modality)} model; the probe classifies Fashion-MNIST images (use `autonet verify` for text models)");
            }
            var dir = result.GetValue(imageDir) ?? FashionMnist.DefaultDirectory;
            var train = FashionMnist.Load(FashionMnistSplit.Train, PixelNormalization.Standardized, dir, result.GetValue(trainSubset));
            var test = FashionMnist.Load(FashionMnistSplit.Test, PixelNormalization.Standardized, dir, result.GetValue(testSubset));
            var report = ProbeEvaluation.Run(model, train, test, new LinearProbeOptions { Epochs = result.GetValue(epochs) }, useTarget: !result.GetValue(context), regions: result.GetValue(regions));
            print.Object(new
            {
                checkpoint = path,
                trainSamples = report.TrainSamples,
                testSamples = report.TestSamples,
                encoder = result.GetValue(context) ? "context" : "target",
                poolRegions = result.GetValue(regions),
                trainedAccuracy = report.TrainedAccuracy,
                randomInitAccuracy = report.RandomInitAccuracy,
                rawPixelAccuracy = report.RawPixelAccuracy,
                trainedKnnAccuracy = report.TrainedKnn,
                randomInitKnnAccuracy = report.RandomInitKnn,
                rawPixelKnnAccuracy = report.RawPixelKnn,
                trained = Metrics(report.Trained),
                randomInit = Metrics(report.RandomInit),
            });
            print.Table(["features", "linear probe", "k-NN (k = 20)", "mean std", "effective rank"],
            [
                [result.GetValue(context) ? "trained context encoder" : "trained encoder (EMA target)", Pct(report.TrainedAccuracy), Pct(report.TrainedKnn), Num(report.Trained.MeanStd), Rank(report.Trained)],
                ["same encoder, random init", Pct(report.RandomInitAccuracy), Pct(report.RandomInitKnn), Num(report.RandomInit.MeanStd), Rank(report.RandomInit)],
                ["raw pixels", Pct(report.RawPixelAccuracy), Pct(report.RawPixelKnn), "", ""],
            ]);
            print.Line(string.Create(CultureInfo.InvariantCulture, $"probe fit on {report.TrainSamples} train images, scored on {report.TestSamples} test images; trained - random init = {(report.TrainedAccuracy - report.RandomInitAccuracy) * 100:F1} points"));
            return Task.FromResult(ExitCodes.Success);
        });
        var command = new Command("eval", "Evaluate trained models");
        command.Subcommands.Add(probe);
        command.Subcommands.Add(RetrievalCommand.Create());
        return command;
    }

    private static object Metrics(CollapseMetrics m) => new { meanStd = m.MeanStd, effectiveRank = m.EffectiveRank, dim = m.Dim, rankFraction = m.RankFraction };

    private static string Pct(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:F2}%");

    private static string Num(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Rank(CollapseMetrics m) => string.Create(CultureInfo.InvariantCulture, $"{m.EffectiveRank:F1} / {m.Dim} ({m.RankFraction:P0})");
}
