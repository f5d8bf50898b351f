// A coordinator's part in inference disputes: for every open dispute of a project it has not voted on, load the model
// the project published as the receipt's round (verified against the chain's root), re-run the disputed request on it
// (Inference's ResponseRecomputer: the endpoint's own code) and vote the response hash it got. The contract compares
// that hash with the signed one. A request that cannot be re-run is not voted on (its reason is returned).
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;

namespace Autonet.Node.Market;

/// <summary>Re-executes disputed requests and votes.</summary>
public static class DisputeJudge
{
    /// <summary>Judges every open dispute of <paramref name="projectId"/> that <paramref name="coordinator"/> has not voted on.</summary>
    public static async Task<IReadOnlyList<DisputeVerdict>> JudgeAsync(AutonetSystem system, SigningKey coordinator, ulong projectId, IBlobStore storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var market = MarketGate.Require(system);
        var voted = (await market.Raw.QueryEventsAsync("DisputeVoted", cancellationToken).ConfigureAwait(false))
            .Where(e => (Address)e["coordinator"] == coordinator.Address).Select(e => (BigInteger)e["disputeId"]).ToHashSet();
        var models = new Dictionary<BigInteger, ServedModel>();
        var verdicts = new List<DisputeVerdict>();
        try
        {
            foreach (var dispute in await market.OpenedDisputesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (dispute.Receipt.ProjectId != projectId || voted.Contains(dispute.DisputeId)
                    || (await market.DisputeOfAsync(dispute.DisputeId, cancellationToken).ConfigureAwait(false)).State != DisputeState.Open)
                {
                    continue;
                }
                var round = dispute.Receipt.Round;
                if (!models.TryGetValue(round, out var model))
                {
                    var published = await PublishedModelReader.FetchRoundAsync(system, projectId, (ulong)round, storage, cancellationToken).ConfigureAwait(false);
                    model = models[round] = ModelLoader.FromBytes(published.Bytes, $"project-{projectId}-round-{round}", $"project:{projectId} round:{round} root:{published.MerkleRoot}");
                }
                Hash32 recomputed;
                try
                {
                    recomputed = await ResponseRecomputer.RecomputeAsync(model, dispute.Request, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    verdicts.Add(new DisputeVerdict(dispute.DisputeId, null, false, $"not voted: {e.Message}"));
                    continue;
                }
                await market.VoteDisputeAsync(coordinator, dispute.DisputeId, recomputed, cancellationToken).ConfigureAwait(false);
                var wrong = recomputed != dispute.Receipt.ResponseHash;
                verdicts.Add(new DisputeVerdict(dispute.DisputeId, recomputed, wrong,
                    wrong ? $"recomputed {recomputed} on round {round}, provider signed {dispute.Receipt.ResponseHash}" : $"recomputed the signed hash on round {round}"));
            }
        }
        finally
        {
            foreach (var model in models.Values)
            {
                model.Dispose();
            }
        }
        return verdicts;
    }
}
