using System.CommandLine;
using Autonet.Node;

namespace Autonet.Cli;

/// <summary>Options every command accepts: --home, --json and --verbose.</summary>
internal static class GlobalOptions
{
    public static readonly Option<DirectoryInfo?> Home = new("--home")
    {
        Description = "Folder for keys, databases, blobs and run reports [default: $AUTONET_HOME or ~/.autonet]",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON on standard output (one object, or one per line for streams); everything else on standard error",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and debug output",
        Recursive = true,
    };

    public static NodeHome ResolveHome(ParseResult result) =>
        result.GetValue(Home) is { } dir ? new NodeHome(dir.FullName) : NodeHome.Default();
}
