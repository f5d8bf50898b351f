// Cross-modal retrieval among held-out pairs (issue 18, "the measure that the reference failed"): every image's query
// (the model's prediction of its text embedding) ranks all N texts' embeddings by cosine, and every text's query ranks
// all N images' (each head's space is also searched the other way: text keys rank image queries, and image keys text
// queries); R@k is the share of queries whose own pair is among the k nearest (chance k / N). Collapse shows as
// few distinct nearest neighbours (the reference VL-JEPA returned one caption for 2,000 queries) and a low effective
// rank of the embeddings (CollapseMetrics). Queries and keys are each centred on their mean over the N pairs, as the
// training's InfoNCE term centres them on the batch (CrossModalContrast). Ties rank the true pair last, so a constant
// model scores 0, not chance.
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;

namespace Autonet.Training.Evaluation;

/// <summary>Image-to-text and text-to-image retrieval of a multimodal model.</summary>
public static class RetrievalEvaluation
{
    /// <exception cref="ArgumentException">The model is not multimodal, or there are fewer than 2 pairs.</exception>
    public static RetrievalReport Run(JepaModel model, PairBatchSource pairs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        if (model.Config.Modality != Modality.Multimodal || pairs.Count < 2)
        {
            Errors.Option("checkpoint", model.Config.Modality, $"retrieval needs a multimodal model and at least 2 pairs (got {pairs.Count})");
        }
        var (n, c) = (pairs.Count, model.Config.Width);
        var (imageQuery, textKey, textQuery, imageKey) = (new float[n * c], new float[n * c], new float[n * c], new float[n * c]);
        var arena = new ActivationArena(1 << 20);
        for (var start = 0; start < n; start += FeatureExtractor.Chunk)
        {
            arena.Reset();
            var count = Math.Min(FeatureExtractor.Chunk, n - start);
            var e = model.CrossModalEmbeddings(pairs.Input([.. Enumerable.Range(start, count)]), arena);
            e.ImageQuery.Span.CopyTo(imageQuery.AsSpan(start * c));
            e.TextKey.Span.CopyTo(textKey.AsSpan(start * c));
            e.TextQuery.Span.CopyTo(textQuery.AsSpan(start * c));
            e.ImageKey.Span.CopyTo(imageKey.AsSpan(start * c));
        }
        return new RetrievalReport(n, Rank(imageQuery, textKey, n, c), Rank(textQuery, imageKey, n, c),
            CollapseMetrics.Measure(imageKey, n, c), CollapseMetrics.Measure(textKey, n, c),
            CollapseMetrics.Measure(imageQuery, n, c), CollapseMetrics.Measure(textQuery, n, c))
        {
            TextToImageInTextSpace = Rank(textKey, imageQuery, n, c),
            ImageToTextInImageSpace = Rank(imageKey, textQuery, n, c),
        };
    }

    /// <summary>R@1, R@5 and distinct nearest neighbours of queries (N, C) against keys (N, C) by cosine; query i's pair is key i.</summary>
    public static RetrievalDirection Rank(ReadOnlySpan<float> queries, ReadOnlySpan<float> keys, int count, int dim)
    {
        if (queries.Length != count * dim || keys.Length != count * dim)
        {
            throw new ArgumentException($"queries and keys need count x dim = {count} x {dim} values, got {queries.Length} and {keys.Length}", nameof(queries));
        }
        var q = Unit(Models.Jepa.CrossModalContrast.Centre(queries, count, dim), count, dim);
        var k = Unit(Models.Jepa.CrossModalContrast.Centre(keys, count, dim), count, dim);
        int at1 = 0, at5 = 0;
        var nearest = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var own = Dot(q, k, i, i, dim);
            var (better, best, bestScore) = (0, -1, double.NegativeInfinity);
            for (var j = 0; j < count; j++)
            {
                var s = Dot(q, k, i, j, dim);
                if (j != i && s >= own)
                {
                    better++; // a tie counts against the true pair
                }
                if (s > bestScore)
                {
                    (best, bestScore) = (j, s);
                }
            }
            at1 += better < 1 ? 1 : 0;
            at5 += better < 5 ? 1 : 0;
            nearest.Add(best);
        }
        return new RetrievalDirection((double)at1 / count, (double)at5 / count, nearest.Count, count);
    }

    private static double Dot(double[] q, double[] k, int i, int j, int dim)
    {
        double s = 0;
        for (var d = 0; d < dim; d++)
        {
            s += q[(i * dim) + d] * k[(j * dim) + d];
        }
        return s;
    }

    private static double[] Unit(double[] x, int count, int dim)
    {
        var unit = new double[count * dim];
        for (var i = 0; i < count; i++)
        {
            double sq = 0;
            for (var d = 0; d < dim; d++)
            {
                sq += x[(i * dim) + d] * x[(i * dim) + d];
            }
            var norm = Math.Max(Math.Sqrt(sq), 1e-12);
            for (var d = 0; d < dim; d++)
            {
                unit[(i * dim) + d] = x[(i * dim) + d] / norm;
            }
        }
        return unit;
    }
}
