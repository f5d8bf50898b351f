using System.Globalization;

namespace Autonet.Storage.Blobs;

/// <summary>Where a <see cref="BlobGateway"/> listens, what it accepts and from whom.</summary>
public sealed record BlobGatewayOptions
{
    /// <summary>Upload tokens, separated by commas, spaces or line breaks (<see cref="FromEnvironment"/>).</summary>
    public const string TokensVariable = "AUTONET_UPLOAD_TOKENS";

    /// <summary><see cref="UploadQuotaBytes"/> from the environment.</summary>
    public const string QuotaVariable = "AUTONET_UPLOAD_QUOTA_BYTES";

    /// <summary><see cref="TrustLoopback"/> from the environment: true or false.</summary>
    public const string TrustLoopbackVariable = "AUTONET_TRUST_LOOPBACK";

    /// <summary>The shortest upload token accepted: 16 characters, so a token is not guessable by trying.</summary>
    public const int MinTokenLength = 16;

    /// <summary>The address to bind; loopback by default, so a node does not serve the network by accident.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (tests), read it back from <see cref="BlobGateway.Address"/>.</summary>
    public int Port { get; init; }

    /// <summary>The largest upload accepted, in bytes (256 MiB by default).</summary>
    public long MaxUploadBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Bearer tokens that authorize uploads from other hosts (<c>Authorization: Bearer &lt;token&gt;</c>), each at least
    /// <see cref="MinTokenLength"/> characters. Empty by default: only loopback may upload. Never logged or printed.
    /// </summary>
    public IReadOnlyList<string> UploadTokens { get; init; } = [];

    /// <summary>
    /// True (the default): uploads from loopback need no token and count against no quota, as the node and its devnet
    /// upload that way. Tests switch it off to exercise the token and quota paths on loopback.
    /// </summary>
    public bool TrustLoopback { get; init; } = true;

    /// <summary>Bytes one client address may upload over the gateway's lifetime, duplicates included (1 GiB by default; 0 = unlimited).</summary>
    public long UploadQuotaBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Where per-client upload usage is kept across restarts (JSON, address to bytes); null keeps it in memory only,
    /// so a restart resets it. `autonet gateway` uses upload-quota.json in the node's home.
    /// </summary>
    public string? QuotaFile { get; init; }

    /// <summary>
    /// True for a usable token: at least <see cref="MinTokenLength"/> characters, printable ASCII without whitespace
    /// (RFC 6750 §2.1 allows fewer characters still; this keeps a token one header word).
    /// </summary>
    public static bool IsValidToken(string? token) =>
        token is { Length: >= MinTokenLength } && token.All(c => c is > ' ' and < (char)0x7f);

    /// <summary>
    /// The defaults with what the environment sets: <see cref="TokensVariable"/>, <see cref="QuotaVariable"/> and
    /// <see cref="TrustLoopbackVariable"/> (unset or empty variables leave the default). <paramref name="read"/>
    /// reads a variable (tests pass their own; null reads the process environment).
    /// </summary>
    /// <exception cref="FormatException">A variable's value is not of its type; the message names the variable and the value.</exception>
    public static BlobGatewayOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var options = new BlobGatewayOptions();
        if (read(TokensVariable) is { Length: > 0 } tokens)
        {
            options = options with { UploadTokens = ParseTokens(tokens) };
        }
        if (read(QuotaVariable) is { Length: > 0 } quota)
        {
            options = options with
            {
                UploadQuotaBytes = long.TryParse(quota, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                    ? bytes
                    : throw new FormatException($"{QuotaVariable}='{quota}' is not a number of bytes (0 = unlimited)"),
            };
        }
        if (read(TrustLoopbackVariable) is { Length: > 0 } trust)
        {
            options = options with
            {
                TrustLoopback = bool.TryParse(trust, out var value) ? value : throw new FormatException($"{TrustLoopbackVariable}='{trust}' is not true or false"),
            };
        }
        return options;
    }

    /// <summary>
    /// Tokens from a tokens file or an environment variable: separated by line breaks, commas or spaces; empty
    /// entries and lines starting with '#' are skipped. Validity is checked by <see cref="BlobGateway.StartAsync"/>.
    /// </summary>
    public static IReadOnlyList<string> ParseTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n').Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => line.Split([',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))];
    }
}
