using System.CommandLine;
using System.CommandLine.Parsing;
using Autonet.Cli.Output;

namespace Autonet.Cli;

/// <summary>Options holding an absolute http(s) URL (System.CommandLine has no Uri parser of its own), and --rpc.</summary>
internal static class UriOption
{
    /// <summary>Foundry's variable for the default JSON-RPC endpoint (cast, forge); --rpc falls back to it.</summary>
    public const string RpcVariable = "ETH_RPC_URL";

    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = Parse,
    };

    /// <summary>--rpc, whose default is $ETH_RPC_URL (read by <see cref="Rpc"/>, not shown in --help: such URLs often hold an API key).</summary>
    public static Option<Uri?> CreateRpc(string otherwise) => Create("--rpc", $"JSON-RPC URL of the chain [default: ${RpcVariable}, else {otherwise}]");

    /// <summary>The --rpc value, else $ETH_RPC_URL, else null.</summary>
    /// <exception cref="UsageException">ETH_RPC_URL is set but not an http(s) URL.</exception>
    public static Uri? Rpc(ParseResult result, Option<Uri?> option)
    {
        if (result.GetValue(option) is { } given)
        {
            return given;
        }
        var text = Environment.GetEnvironmentVariable(RpcVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return TryParse(text, out var uri) ? uri : throw new UsageException($"{RpcVariable} (the default of --rpc) is not an absolute http(s) URL (e.g. http://127.0.0.1:8545)");
    }

    private static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var uri))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) URL (e.g. http://127.0.0.1:8545)");
        return null;
    }

    private static bool TryParse(string text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
