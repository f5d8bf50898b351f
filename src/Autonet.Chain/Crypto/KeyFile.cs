namespace Autonet.Chain.Crypto;

/// <summary>
/// A private key stored as one line of hex in a file readable and writable by its owner only (mode 0600).
/// Loading refuses a file that group or others can read, naming the file, its mode and the chmod to run.
/// On Windows, where Unix modes do not exist, the mode checks are skipped.
/// </summary>
public static class KeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes the key; the file is created with mode 0600 before any secret is written to it.</summary>
    /// <exception cref="IOException">The file exists (keys are never overwritten).</exception>
    public static void Save(string path, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(key.ExportHex());
    }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="ChainException">The file is readable by group or others, or does not hold a key.</exception>
    public static SigningKey Load(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & Others) != 0)
            {
                throw new ChainException($"key file {path} has mode {Convert.ToString((int)mode, 8)}: group/others may access it; run `chmod 600 {path}`");
            }
        }
        try
        {
            return SigningKey.Parse(File.ReadAllText(path));
        }
        catch (FormatException error)
        {
            throw new ChainException($"key file {path}: {error.Message}", error);
        }
    }
}
