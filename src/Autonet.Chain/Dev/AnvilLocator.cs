namespace Autonet.Chain.Dev;

/// <summary>
/// Finds the anvil executable installed by npm (@foundry-rs/anvil) in contracts/node_modules, preferring the native
/// binary over the Node.js wrapper (one process fewer to start and to kill). AUTONET_ANVIL overrides the search.
/// </summary>
public static class AnvilLocator
{
    private static readonly string[] Candidates =
    [
        "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil",
        "contracts/node_modules/@foundry-rs/anvil-linux-arm64/bin/anvil",
        "contracts/node_modules/@foundry-rs/anvil-darwin-arm64/bin/anvil",
        "contracts/node_modules/.bin/anvil",
    ];

    /// <summary>The anvil path, or null when none is installed above the current or base directory.</summary>
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AUTONET_ANVIL");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                foreach (var candidate in Candidates)
                {
                    var path = Path.Combine(directory.FullName, candidate);
                    if (File.Exists(path))
                    {
                        return path;
                    }
                }
            }
        }
        return null;
    }
}
