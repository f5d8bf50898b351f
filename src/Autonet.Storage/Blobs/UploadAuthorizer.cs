using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Autonet.Storage.Blobs;

/// <summary>
/// Decides whether an upload may proceed: trusted loopback, or a bearer token from <see cref="BlobGatewayOptions.UploadTokens"/>.
/// Tokens are kept as SHA-256 digests and compared with FixedTimeEquals, so neither a token's bytes nor its length
/// leak through timing. Not here: requests signed with a staked node's key (needs the chain; a later step).
/// </summary>
internal sealed class UploadAuthorizer
{
    private const string Bearer = "Bearer ";
    private readonly byte[][] _tokenDigests;
    private readonly bool _trustLoopback;

    public UploadAuthorizer(BlobGatewayOptions options)
    {
        _tokenDigests = [.. options.UploadTokens.Select(token => SHA256.HashData(Encoding.UTF8.GetBytes(token)))];
        _trustLoopback = options.TrustLoopback;
    }

    /// <summary>True for a loopback client when loopback is trusted: no token, no quota.</summary>
    public bool IsTrusted(IPAddress client) => _trustLoopback && IPAddress.IsLoopback(client);

    /// <summary>Null when the request may upload; otherwise why not, for a 401 body.</summary>
    public string? Refuse(HttpContext context, IPAddress client)
    {
        if (IsTrusted(client))
        {
            return null;
        }

        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return $"uploads from {client} need 'Authorization: Bearer <token>' with a token from the gateway's UploadTokens; none was sent";
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        var matched = false;
        foreach (var digest in _tokenDigests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(digest, presented); // no early exit: which token matched stays hidden
        }

        return matched ? null : $"the bearer token from {client} matches none of the gateway's UploadTokens";
    }
}
