// The node's key: a Web3 Secret Storage (v3) keystore (`key.keystore`, else <home>/keystore.json), unlocked with a
// passphrase from key.passphrase_file, else $AUTONET_PASSPHRASE, else a prompt on the terminal. Homes a devnet
// (`network run`) wrote still hold a plaintext node.key (0600); it is used when there is no keystore, and
// `autonet key import` with no file encrypts it into the keystore and deletes it. Keys are never written in clear here.
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Node.Config;

namespace Autonet.Node.Hosting;

/// <summary>Finds, creates and unlocks a node's key.</summary>
public static class NodeKeys
{
    public const string KeystoreFileName = "keystore.json";

    /// <summary>The environment variable holding the passphrase when key.passphrase_file is not set.</summary>
    public const string PassphraseVariable = "AUTONET_PASSPHRASE";

    /// <summary>The keystore this home uses: key.keystore (relative to the home), else keystore.json in the home.</summary>
    public static string KeystorePath(NodeHome home, AutonetConfig config)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(config);
        return config.Keystore.Length == 0 ? home.File(KeystoreFileName) : Path.GetFullPath(config.Keystore, home.Path);
    }

    /// <summary>The home's plaintext legacy key file (node.key), written by devnets.</summary>
    public static string LegacyPath(NodeHome home) => home.File(NodeIdentity.KeyFileName);

    /// <summary>The node's address without unlocking anything (the keystore's declared address, or node.key's), or null when the home has no key.</summary>
    public static Address? AddressOf(NodeHome home, AutonetConfig config)
    {
        var keystore = KeystorePath(home, config);
        if (File.Exists(keystore))
        {
            return Keystore.DeclaredAddress(Keystore.Read(keystore)) ?? Unlock(home, config).Address;
        }
        if (File.Exists(LegacyPath(home)))
        {
            using var key = KeyFile.Load(LegacyPath(home));
            return key.Address;
        }
        return null;
    }

    /// <summary>Unlocks the node's key: the keystore with its passphrase, else the legacy node.key.</summary>
    /// <exception cref="FileNotFoundException">the home has no key (the message says what to run)</exception>
    /// <exception cref="Chain.ChainException">wrong passphrase</exception>
    public static SigningKey Unlock(NodeHome home, AutonetConfig config, Func<string, string?>? prompt = null)
    {
        var keystore = KeystorePath(home, config);
        if (File.Exists(keystore))
        {
            var passphrase = Passphrase(config, prompt, confirm: false);
            try
            {
                return Keystore.Decrypt(Keystore.Read(keystore), passphrase);
            }
            catch (Chain.ChainException e)
            {
                throw new Chain.ChainException($"key.keystore = {keystore}: {e.Message.Replace("keystore: ", "", StringComparison.Ordinal)}; the passphrase came from {PassphraseSource(config)}", e);
            }
        }
        if (File.Exists(LegacyPath(home)))
        {
            return KeyFile.Load(LegacyPath(home));
        }
        throw new FileNotFoundException($"key.keystore = {keystore}: no such file, and no node.key in {home.Path}; rule: a node needs its key: run `autonet key new` (or `autonet key import FILE`)", keystore);
    }

    /// <summary>Encrypts <paramref name="key"/> into the home's keystore (never overwriting one); returns its path.</summary>
    /// <exception cref="IOException">a keystore is already there</exception>
    public static string Create(NodeHome home, AutonetConfig config, SigningKey key, KdfParameters kdf, Func<string, string?>? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var path = KeystorePath(home, config);
        if (File.Exists(path))
        {
            throw new IOException($"key.keystore = {path} already exists; rule: a keystore is never overwritten (move it away first)");
        }
        var passphrase = Passphrase(config, prompt, confirm: true);
        var json = Keystore.Encrypt(key, passphrase, kdf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Keystore.Save(path, json);
        return path;
    }

    /// <summary>Where the passphrase comes from, in words (for messages).</summary>
    public static string PassphraseSource(AutonetConfig config) =>
        config.PassphraseFile.Length > 0 ? $"key.passphrase_file ({config.PassphraseFile})"
        : Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } ? $"${PassphraseVariable}"
        : "the prompt";

    /// <summary>The passphrase: key.passphrase_file (its first line), else $AUTONET_PASSPHRASE, else <paramref name="prompt"/>.</summary>
    /// <exception cref="InvalidOperationException">none of them gives one (the message lists the three ways)</exception>
    public static string Passphrase(AutonetConfig config, Func<string, string?>? prompt, bool confirm)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.PassphraseFile.Length > 0)
        {
            var file = Path.GetFullPath(config.PassphraseFile, Path.GetDirectoryName(config.FilePath)!); // relative to the home
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"key.passphrase_file = {config.PassphraseFile}: no such file ({file})", file);
            }
            var line = File.ReadLines(file).FirstOrDefault() ?? "";
            return line.Length > 0 ? line : throw new FormatException($"key.passphrase_file = {config.PassphraseFile}: the first line is empty; rule: it must hold the passphrase");
        }
        if (Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        var typed = prompt?.Invoke("Passphrase: ");
        if (typed is null)
        {
            throw new InvalidOperationException($"no passphrase for the keystore: set key.passphrase_file, or ${PassphraseVariable}, or run on a terminal to be prompted");
        }
        if (typed.Length == 0)
        {
            throw new FormatException("the passphrase is empty; rule: a keystore needs a passphrase of at least one character");
        }
        if (confirm && prompt!("Repeat the passphrase: ") != typed)
        {
            throw new FormatException("the two passphrases differ");
        }
        return typed;
    }
}
