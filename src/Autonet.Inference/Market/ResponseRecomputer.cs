// A dispute's re-execution: the request bytes a client put on chain (PaidHashes.RequestBytes: the endpoint line, then the
// body) are run again on the project's model of the receipt's round, the same way the endpoint ran them, and hashed as
// the receipt's response was. The encoder is deterministic (KVectorEncoder), so an honest provider's hash comes back.
using System.Text;
using Autonet.Core.Ids;
using Autonet.Inference.Api;
using Autonet.Inference.Serving;

namespace Autonet.Inference.Market;

/// <summary>Recomputes the response hash of a paid request.</summary>
public static class ResponseRecomputer
{
    /// <summary>The paid endpoints, whose requests a dispute can carry.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = ["/v1/kvectors", "/v1/embeddings"];

    /// <summary>The response hash of <paramref name="request"/> run on <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a paid request (no endpoint line, another endpoint, a body the endpoint refuses).</exception>
    public static async Task<Hash32> RecomputeAsync(ServedModel model, byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var newline = Array.IndexOf(request, (byte)'\n');
        var line = newline < 0 ? "" : Encoding.ASCII.GetString(request, 0, newline);
        var endpoint = Endpoints.FirstOrDefault(e => line == "POST " + e);
        if (endpoint is null)
        {
            Errors.Format("disputed request", $"first line '{line[..Math.Min(line.Length, 60)]}' is not POST of {string.Join(" or ", Endpoints)}");
        }
        try
        {
            using var body = RequestBody.Parse(request[(newline + 1)..]);
            var output = endpoint == "/v1/kvectors"
                ? [await PaidWork.KVectorsAsync(model, body, cancellationToken).ConfigureAwait(false)]
                : (await PaidWork.EmbeddingsAsync(model, body, cancellationToken).ConfigureAwait(false)).Vectors;
            return PaidHashes.Response(output);
        }
        catch (ApiException e)
        {
            throw new InvalidDataException($"disputed request to {endpoint}: the endpoint refuses it ({e.Message})", e);
        }
    }
}
