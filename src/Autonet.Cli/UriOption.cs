using System.CommandLine;
using System.CommandLine.Parsing;

namespace Autonet.Cli;

/// <summary>An option holding an absolute http(s) URL (System.CommandLine has no Uri parser of its own).</summary>
internal static class UriOption
{
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = Parse,
    };

    private static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) URL (e.g. http://127.0.0.1:8545)");
        return null;
    }
}
