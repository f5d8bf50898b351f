namespace Autonet.Node;

/// <summary>
/// The folder a node keeps its state in (keys, SQLite database, blobs, runs): `--home`, else $AUTONET_HOME, else ~/.autonet.
/// Resolving a home does not create it; <see cref="EnsureCreated"/> does.
/// </summary>
public sealed record NodeHome(string Path)
{
    /// <summary>The default home: $AUTONET_HOME when set, else ~/.autonet.</summary>
    public static NodeHome Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AUTONET_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new NodeHome(System.IO.Path.GetFullPath(fromEnvironment));
        }

        var user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new NodeHome(System.IO.Path.Combine(user, ".autonet"));
    }

    /// <summary>Creates the folder (owner-only on Unix) if it does not exist, and returns this home.</summary>
    public NodeHome EnsureCreated()
    {
        if (!Directory.Exists(Path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return this;
    }

    /// <summary>A path inside the home.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);
}
