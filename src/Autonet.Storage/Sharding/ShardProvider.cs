using Autonet.Storage.Blobs;

namespace Autonet.Storage.Sharding;

/// <summary>
/// A named place that stores shards: another node's gateway (through <see cref="HttpBlobStore"/>) or a local store;
/// <paramref name="Account"/> is its address on chain when it was found there (ProviderRegistry).
/// </summary>
public sealed record ShardProvider(string Name, IBlobStore Store, Autonet.Core.Ids.Address? Account = null)
{
    /// <summary>One provider per gateway address, named by the address; uploads carry <paramref name="uploadToken"/> when given.</summary>
    public static IReadOnlyList<ShardProvider> FromGateways(HttpClient client, IEnumerable<Uri> gateways, string? uploadToken = null) =>
        [.. gateways.Select(address => new ShardProvider(address.ToString(), new HttpBlobStore(client, address, uploadToken: uploadToken)))];

    /// <summary>
    /// True for errors that are the provider's fault (unreachable, refused, wrong bytes, timed out) and so are
    /// recorded and routed around; false for the caller's own cancellation and for bugs.
    /// </summary>
    internal static bool IsProviderFault(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        HttpRequestException or IOException or TimeoutException or BlobTooLargeException or Autonet.Core.ContentMismatchException => true,
        _ => false,
    };
}
