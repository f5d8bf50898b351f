namespace Autonet.Node;

/// <summary>
/// Finds the external programs and data Autonet uses: the repository's contracts folder (anvil, solcjs under
/// contracts/node_modules), and the Fashion-MNIST files. Looks, it does not install; `scripts/setup.sh` installs.
/// </summary>
public static class ToolLocator
{
    /// <summary>Where Debian's dataset-fashion-mnist puts its IDX files; $AUTONET_FASHION_MNIST overrides.</summary>
    public static string FashionMnistFolder =>
        Environment.GetEnvironmentVariable("AUTONET_FASHION_MNIST") is { Length: > 0 } folder ? folder : "/usr/share/datasets/fashion-mnist";

    /// <summary>The four IDX files of Fashion-MNIST, gzipped.</summary>
    public static IReadOnlyList<string> FashionMnistFiles { get; } =
    [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    ];

    /// <summary>
    /// The repository's contracts folder: $AUTONET_CONTRACTS, else the first ancestor of the running program
    /// (or of the current directory) that holds contracts/package.json. Null when none is found.
    /// </summary>
    public static string? ContractsFolder()
    {
        if (Environment.GetEnvironmentVariable("AUTONET_CONTRACTS") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "contracts");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>A program under contracts/node_modules/.bin, else on PATH; null when neither has it.</summary>
    public static string? NodeModuleProgram(string name)
    {
        if (ContractsFolder() is { } contracts)
        {
            var local = Path.Combine(contracts, "node_modules", ".bin", name);
            if (File.Exists(local))
            {
                return local;
            }
        }

        return OnPath(name);
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? OnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
