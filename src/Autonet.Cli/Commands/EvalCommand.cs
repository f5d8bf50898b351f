using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Images;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>`autonet eval probe`: linear probe of a checkpoint vs raw pixels and random init, with collapse metrics.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "model.safetensors or checkpoint.safetensors", Required = true }.ExistingFile();
        var trainSubset = new Option<int>("--train-subset") { Description = "First N Fashion-MNIST train images to fit the probe on", DefaultValueFactory = _ => 10_000 }.Between(10, 60_000);
        var testSubset = new Option<int>("--test-subset") { Description = "First N test images to score", DefaultValueFactory = _ => 10_000 }.Between(10, 10_000);
        var epochs = new Option<int>("--epochs") { Description = "Probe epochs", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var imageDir = new Option<string?>("--image-dir") { Description = "Fashion-MNIST IDX folder [default: Debian's]" }.ExistingFolder();
        var probe = new Command("probe", "Linear probe on frozen mean-pooled features; baselines: raw pixels and the same encoder at random init");
        foreach (var o in new Option[] { checkpoint, trainSubset, testSubset, epochs, imageDir })
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
            var report = ProbeEvaluation.Run(model, train, test, new LinearProbeOptions { Epochs = result.GetValue(epochs) });
            print.Object(new
            {
                checkpoint = path,
                trainSamples = report.TrainSamples,
                testSamples = report.TestSamples,
                trainedAccuracy = report.TrainedAccuracy,
                randomInitAccuracy = report.RandomInitAccuracy,
                rawPixelAccuracy = report.RawPixelAccuracy,
                trained = Metrics(report.Trained),
                randomInit = Metrics(report.RandomInit),
            });
            print.Table(["features", "test accuracy", "mean std", "effective rank"],
            [
                ["trained encoder", Pct(report.TrainedAccuracy), Num(report.Trained.MeanStd), Rank(report.Trained)],
                ["same encoder, random init", Pct(report.RandomInitAccuracy), Num(report.RandomInit.MeanStd), Rank(report.RandomInit)],
                ["raw pixels", Pct(report.RawPixelAccuracy), "", ""],
            ]);
            print.Line(string.Create(CultureInfo.InvariantCulture, $"probe fit on {report.TrainSamples} train images, scored on {report.TestSamples} test images; trained - random init = {(report.TrainedAccuracy - report.RandomInitAccuracy) * 100:F1} points"));
            return Task.FromResult(ExitCodes.Success);
        });
        var command = new Command("eval", "Evaluate trained models");
        command.Subcommands.Add(probe);
        return command;
    }

    private static object Metrics(CollapseMetrics m) => new { meanStd = m.MeanStd, effectiveRank = m.EffectiveRank, dim = m.Dim, rankFraction = m.RankFraction };

    private static string Pct(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:F2}%");

    private static string Num(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Rank(CollapseMetrics m) => string.Create(CultureInfo.InvariantCulture, $"{m.EffectiveRank:F1} / {m.Dim} ({m.RankFraction:P0})");
}
