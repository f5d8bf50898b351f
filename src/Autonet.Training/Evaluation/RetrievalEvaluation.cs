// Cross-modal retrieval among held-out pairs (issue 18, "the measure that the reference failed"): every image's query
// (the model's prediction of its text embedding) ranks all N texts' embeddings by cosine, and every text's query ranks
// all N images' (each head's space is also searched the other way: text keys rank image queries, and image keys text
// queries); R@k is the share of queries whose own pair is among the k nearest (chance k / N). Collapse shows as
// few distinct nearest neighbours (the reference VL-JEPA returned one caption for 2,000 queries) and a low effective
// rank of the embeddings (CollapseMetrics). Queries and keys are each centred on their mean over the training pairs
// (never the held-out ones), as the training's InfoNCE term centres them on the batch (CrossModalContrast); CSLS with a
// training querybank is reported beside plain cosine (RetrievalReference). Ties rank the true pair last, so a constant
// model scores 0, not chance.
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;

namespace Autonet.Training.Evaluation;

/// <summary>Image-to-text and text-to-image retrieval of a multimodal model.</summary>
public static class RetrievalEvaluation
{
    /// <summary>Retrieval among <paramref name="pairs"/>, centred on (and CSLS's querybank drawn from) <paramref name="training"/>.</summary>
    /// <exception cref="ArgumentException">The model is not multimodal, fewer than 2 pairs, or fewer than 10 training pairs.</exception>
    public static RetrievalReport Run(JepaModel model, PairBatchSource pairs, PairBatchSource training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(training);
        if (model.Config.Modality != Modality.Multimodal || pairs.Count < 2 || training.Count < RetrievalReference.Neighbours)
        {
            Errors.Option("checkpoint", model.Config.Modality, $"retrieval needs a multimodal model, at least 2 pairs (got {pairs.Count}) and at least {RetrievalReference.Neighbours} training pairs for the means (got {training.Count})");
        }
        var (n, c) = (pairs.Count, model.Config.Width);
        var (imageQuery, textKey, textQuery, imageKey) = Embed(model, pairs);
        var t = Embed(model, training);
        var m = training.Count;
        RetrievalDirection Both(float[] queries, float[] keys, float[] referenceQueries, float[] referenceKeys, bool csls) =>
            Rank(queries, keys, n, c, new RetrievalReference(referenceQueries, referenceKeys, m, c), csls);
        RetrievalDirections Directions(bool csls) => new(
            Both(imageQuery, textKey, t.ImageQuery, t.TextKey, csls), Both(textKey, imageQuery, t.TextKey, t.ImageQuery, csls),
            Both(textQuery, imageKey, t.TextQuery, t.ImageKey, csls), Both(imageKey, textQuery, t.ImageKey, t.TextQuery, csls));
        var cosine = Directions(csls: false);
        (double, double) Offset(float[] x, float[] reference) =>
            (RetrievalReference.OffsetRatio(x, n, c, null), RetrievalReference.OffsetRatio(x, n, c, RetrievalReference.Mean(reference, m, c)));
        return new RetrievalReport(n, cosine.ImageToText, cosine.TextToImage,
            CollapseMetrics.Measure(imageKey, n, c), CollapseMetrics.Measure(textKey, n, c),
            CollapseMetrics.Measure(imageQuery, n, c), CollapseMetrics.Measure(textQuery, n, c))
        {
            TextToImageInTextSpace = cosine.TextToImageInTextSpace,
            ImageToTextInImageSpace = cosine.ImageToTextInImageSpace,
            Csls = Directions(csls: true),
            Offsets = new Dictionary<string, (double, double)>
            {
                ["imageKeys"] = Offset(imageKey, t.ImageKey),
                ["textKeys"] = Offset(textKey, t.TextKey),
                ["imageQueries"] = Offset(imageQuery, t.ImageQuery),
                ["textQueries"] = Offset(textQuery, t.TextQuery),
            },
            ReferencePairs = m,
        };
    }

    /// <summary>
    /// R@1, R@5, distinct nearest neighbours and hub share of queries (N, C) against keys (N, C), query i's pair being
    /// key i: by cosine after centring on the reference's training means, or by CSLS with its querybank.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths that are not count x dim, or a reference of another width.</exception>
    public static RetrievalDirection Rank(ReadOnlySpan<float> queries, ReadOnlySpan<float> keys, int count, int dim, RetrievalReference reference, bool csls)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Check(queries, keys, count, dim);
        if (reference.Dim != dim)
        {
            throw new ArgumentException($"a reference of width {reference.Dim} for embeddings of width {dim}", nameof(reference));
        }
        var k = reference.Keys(keys, count);
        return Score(reference.Queries(queries, count), k, csls ? reference.Penalty(k, count) : null, count, dim);
    }

    /// <summary>The same by plain cosine, without centring (a naive reference for tests).</summary>
    /// <exception cref="ArgumentException">Lengths that are not count x dim.</exception>
    public static RetrievalDirection Rank(ReadOnlySpan<float> queries, ReadOnlySpan<float> keys, int count, int dim)
    {
        Check(queries, keys, count, dim);
        return Score(RetrievalReference.Unit(queries, count, dim, null), RetrievalReference.Unit(keys, count, dim, null), null, count, dim);
    }

    // s_ij = cos(q_i, k_j), or CSLS's 2 cos(q_i, k_j) - r(k_j) (its - r(q_i) is the same for every key of query i)
    private static RetrievalDirection Score(double[] q, double[] k, double[]? penalty, int count, int dim)
    {
        double S(int i, int j) => penalty is null ? Dot(q, k, i, j, dim) : (2 * Dot(q, k, i, j, dim)) - penalty[j];
        int at1 = 0, at5 = 0;
        var nearest = new int[count]; // how often each key is some query's nearest
        for (var i = 0; i < count; i++)
        {
            var own = S(i, i);
            var (better, best, bestScore) = (0, -1, double.NegativeInfinity);
            for (var j = 0; j < count; j++)
            {
                var s = S(i, j);
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
            nearest[best]++;
        }
        var hubs = nearest.OrderDescending().Take(RetrievalDirection.Hubs).Sum();
        return new RetrievalDirection((double)at1 / count, (double)at5 / count, nearest.Count(x => x > 0), count, (double)hubs / count);
    }

    private static void Check(ReadOnlySpan<float> queries, ReadOnlySpan<float> keys, int count, int dim)
    {
        if (queries.Length != count * dim || keys.Length != count * dim)
        {
            throw new ArgumentException($"queries and keys need count x dim = {count} x {dim} values, got {queries.Length} and {keys.Length}", nameof(queries));
        }
    }

    private static (float[] ImageQuery, float[] TextKey, float[] TextQuery, float[] ImageKey) Embed(JepaModel model, PairBatchSource pairs)
    {
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
        return (imageQuery, textKey, textQuery, imageKey);
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
}
