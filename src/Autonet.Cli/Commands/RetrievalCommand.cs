using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Pairs;
using Autonet.Models.Jepa;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet eval retrieval`: image-to-text and text-to-image R@1 / R@5 of a VL-JEPA among held-out pairs, in each of
/// its two shared spaces (the text space of the image head, the image space of the text head), beside the same model
/// at random init.
/// </summary>
internal static class RetrievalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A multimodal model.safetensors or checkpoint.safetensors", Required = true }.ExistingFile();
        var pairs = new Option<string?>("--pairs") { Description = "The pair folder (pairs.jsonl and its images)", Required = true }.ExistingFolder();
        var split = new Option<bool>("--train-split") { Description = "Retrieve among the train pairs instead of the held-out ones (a check for overfitting)" };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N pairs of the split" }.AtLeast(2);
        var command = new Command("retrieval", "Image-to-text and text-to-image retrieval among held-out pairs: R@1, R@5, distinct nearest neighbours, effective rank");
        foreach (var o in new Option[] { checkpoint, pairs, split, limit })
        {
            command.Options.Add(o);
        }
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var path = result.GetValue(checkpoint)!.FullName; // required option
            var model = JepaCheckpoint.LoadModel(path);
            if (model.Config.Modality != Modality.Multimodal)
            {
                throw new UsageException($"--checkpoint '{path}': a {Devnet.KebabNames.Of(model.Config.Modality)} model; retrieval needs a multimodal one (`autonet train --modality multimodal --pairs DIR`)");
            }
            var folder = result.GetValue(pairs)!;
            var (all, stats) = PairFolder.Read(folder, model.Config.ImageSize);
            var chosen = all.Where(p => p.HeldOut != result.GetValue(split)).Take(result.GetValue(limit) ?? int.MaxValue).ToList();
            if (chosen.Count < 2)
            {
                throw new UsageException($"--pairs '{folder}': {chosen.Count} {(result.GetValue(split) ? "train" : "held-out")} pairs ({stats}); retrieval needs at least 2");
            }
            var source = PairBatchSource.From(chosen, model.Config);
            var trained = RetrievalEvaluation.Run(model, source);
            var random = RetrievalEvaluation.Run(new JepaModel(model.Config, model.Seed), source);
            print.Object(new { checkpoint = path, pairs = trained.Pairs, split = result.GetValue(split) ? "train" : "heldout", data = stats.ToString(), trained = Json(trained), randomInit = Json(random) });
            print.Table(["model", "direction", "R@1", "R@5", "distinct nearest", "rank of queries", "rank of keys"],
            [
                Row("trained", "image -> text (text space)", trained.ImageToText, trained.ImageQueries, trained.TextKeys),
                Row("trained", "text -> image (text space)", trained.TextToImageInTextSpace, trained.TextKeys, trained.ImageQueries),
                Row("trained", "text -> image (image space)", trained.TextToImage, trained.TextQueries, trained.ImageKeys),
                Row("trained", "image -> text (image space)", trained.ImageToTextInImageSpace, trained.ImageKeys, trained.TextQueries),
                Row("random init", "image -> text (text space)", random.ImageToText, random.ImageQueries, random.TextKeys),
                Row("random init", "text -> image (text space)", random.TextToImageInTextSpace, random.TextKeys, random.ImageQueries),
                Row("random init", "text -> image (image space)", random.TextToImage, random.TextQueries, random.ImageKeys),
                Row("random init", "image -> text (image space)", random.ImageToTextInImageSpace, random.ImageKeys, random.TextQueries),
            ]);
            print.Line(string.Create(CultureInfo.InvariantCulture, $"{trained.Pairs} pairs: chance R@1 {1.0 / trained.Pairs:P2}, R@5 {Math.Min(1, 5.0 / trained.Pairs):P2}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string[] Row(string model, string direction, RetrievalDirection d, CollapseMetrics queries, CollapseMetrics keys) =>
    [
        model, direction, Pct(d.RecallAt1), Pct(d.RecallAt5), string.Create(CultureInfo.InvariantCulture, $"{d.DistinctNeighbours} / {d.Queries} ({d.DistinctShare:P0})"),
        Rank(queries), Rank(keys),
    ];

    private static object Json(RetrievalReport r) => new
    {
        imageToText = Direction(r.ImageToText),
        textToImage = Direction(r.TextToImage),
        textToImageInTextSpace = Direction(r.TextToImageInTextSpace),
        imageToTextInImageSpace = Direction(r.ImageToTextInImageSpace),
        imageKeys = Metrics(r.ImageKeys),
        textKeys = Metrics(r.TextKeys),
        imageQueries = Metrics(r.ImageQueries),
        textQueries = Metrics(r.TextQueries),
    };

    private static object Direction(RetrievalDirection d) => new { recallAt1 = d.RecallAt1, recallAt5 = d.RecallAt5, distinctNeighbours = d.DistinctNeighbours, queries = d.Queries };

    private static object Metrics(CollapseMetrics m) => new { meanStd = m.MeanStd, effectiveRank = m.EffectiveRank, dim = m.Dim, rankFraction = m.RankFraction };

    private static string Pct(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:F2}%");

    private static string Rank(CollapseMetrics m) => string.Create(CultureInfo.InvariantCulture, $"{m.EffectiveRank:F1} / {m.Dim} ({m.RankFraction:P0})");
}
