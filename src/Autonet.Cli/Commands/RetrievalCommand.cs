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
/// at random init; each by centred cosine and by CSLS, both drawing their means and querybank from the train pairs only.
/// </summary>
internal static class RetrievalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A multimodal model.safetensors or checkpoint.safetensors", Required = true }.ExistingFile();
        var pairs = new Option<string?>("--pairs") { Description = "The pair folder (pairs.jsonl and its images)", Required = true }.ExistingFolder();
        var split = new Option<bool>("--train-split") { Description = "Retrieve among the train pairs instead of the held-out ones (a check for overfitting)" };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N pairs of the split" }.AtLeast(2);
        var noBaseline = new Option<bool>("--no-random-init") { Description = "Leave out the same model at random init (half the time; for a run's many checkpoints)" };
        var command = new Command("retrieval", "Image-to-text and text-to-image retrieval among held-out pairs: R@1, R@5, distinct nearest neighbours, effective rank");
        foreach (var o in new Option[] { checkpoint, pairs, split, limit, noBaseline })
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
            var training = all.Where(p => !p.HeldOut).ToList(); // the means and CSLS's querybank: never the held-out pairs
            if (training.Count < RetrievalReference.Neighbours)
            {
                throw new UsageException($"--pairs '{folder}': {training.Count} train pairs ({stats}); retrieval centres on the train pairs' means and needs at least {RetrievalReference.Neighbours}");
            }
            var (source, reference) = (PairBatchSource.From(chosen, model.Config), PairBatchSource.From(training, model.Config));
            var trained = RetrievalEvaluation.Run(model, source, reference);
            var random = result.GetValue(noBaseline) ? null : RetrievalEvaluation.Run(new JepaModel(model.Config, model.Seed), source, reference);
            print.Object(new { checkpoint = path, pairs = trained.Pairs, split = result.GetValue(split) ? "train" : "heldout", referencePairs = trained.ReferencePairs, data = stats.ToString(), trained = Json(trained), randomInit = random is null ? null : Json(random) });
            print.Table(["model", "direction", "score", "R@1", "R@5", "distinct nearest", "on top 10 hubs", "rank of queries", "rank of keys"],
                [.. Rows("trained", trained), .. random is null ? Enumerable.Empty<string[]>() : Rows("random init", random)]);
            print.Line("|mean| / mean |x| of the held-out sets, as embedded -> centred on the train means: " + string.Join(", ",
                trained.Offsets.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value.Raw:F3} -> {o.Value.TrainCentred:F3}"))));
            print.Line(string.Create(CultureInfo.InvariantCulture, $"{trained.Pairs} pairs: chance R@1 {1.0 / trained.Pairs:P2}, R@5 {Math.Min(1, 5.0 / trained.Pairs):P2}; centred on the means of {trained.ReferencePairs} train pairs (CSLS's querybank too)"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static IEnumerable<string[]> Rows(string model, RetrievalReport r) =>
    [
        Row(model, "image -> text (text space)", "cosine", r.ImageToText, r.ImageQueries, r.TextKeys),
        Row(model, "image -> text (text space)", "CSLS", r.Csls.ImageToText, r.ImageQueries, r.TextKeys),
        Row(model, "text -> image (text space)", "cosine", r.TextToImageInTextSpace, r.TextKeys, r.ImageQueries),
        Row(model, "text -> image (text space)", "CSLS", r.Csls.TextToImageInTextSpace, r.TextKeys, r.ImageQueries),
        Row(model, "text -> image (image space)", "cosine", r.TextToImage, r.TextQueries, r.ImageKeys),
        Row(model, "image -> text (image space)", "cosine", r.ImageToTextInImageSpace, r.ImageKeys, r.TextQueries),
    ];

    private static string[] Row(string model, string direction, string score, RetrievalDirection d, CollapseMetrics queries, CollapseMetrics keys) =>
    [
        model, direction, score, Pct(d.RecallAt1), Pct(d.RecallAt5), string.Create(CultureInfo.InvariantCulture, $"{d.DistinctNeighbours} / {d.Queries} ({d.DistinctShare:P0})"),
        Pct(d.TopHubShare), Rank(queries), Rank(keys),
    ];

    private static object Json(RetrievalReport r) => new
    {
        imageToText = Direction(r.ImageToText),
        textToImage = Direction(r.TextToImage),
        textToImageInTextSpace = Direction(r.TextToImageInTextSpace),
        imageToTextInImageSpace = Direction(r.ImageToTextInImageSpace),
        csls = new
        {
            imageToText = Direction(r.Csls.ImageToText),
            textToImage = Direction(r.Csls.TextToImage),
            textToImageInTextSpace = Direction(r.Csls.TextToImageInTextSpace),
            imageToTextInImageSpace = Direction(r.Csls.ImageToTextInImageSpace),
        },
        offsets = r.Offsets.ToDictionary(o => o.Key, o => new { raw = o.Value.Raw, trainCentred = o.Value.TrainCentred }),
        imageKeys = Metrics(r.ImageKeys),
        textKeys = Metrics(r.TextKeys),
        imageQueries = Metrics(r.ImageQueries),
        textQueries = Metrics(r.TextQueries),
    };

    private static object Direction(RetrievalDirection d) => new { recallAt1 = d.RecallAt1, recallAt5 = d.RecallAt5, distinctNeighbours = d.DistinctNeighbours, queries = d.Queries, topHubShare = d.TopHubShare };

    private static object Metrics(CollapseMetrics m) => new { meanStd = m.MeanStd, effectiveRank = m.EffectiveRank, dim = m.Dim, rankFraction = m.RankFraction };

    private static string Pct(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:F2}%");

    private static string Rank(CollapseMetrics m) => string.Create(CultureInfo.InvariantCulture, $"{m.EffectiveRank:F1} / {m.Dim} ({m.RankFraction:P0})");
}
