using System.CommandLine;
using Autonet.Chain.Crypto;
using Autonet.Cli.Output;
using Autonet.Node.Config;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet key new|import|show`: the node's key in a Web3 Secret Storage (v3) keystore that geth and Foundry read
/// (`cast wallet address --keystore HOME/keystore.json`). The passphrase comes from key.passphrase_file, else
/// $AUTONET_PASSPHRASE, else a prompt. `import` with no file encrypts a devnet home's plaintext node.key and deletes it.
/// </summary>
internal static class KeyCommand
{
    internal static readonly Option<bool> LightKdf = new("--light-kdf")
    {
        Description = "Use geth's light scrypt (N = 4096, p = 6: fast, weaker) instead of the standard N = 262144 (256 MiB, seconds); for dev chains",
    };

    public static Command Create()
    {
        var create = new Command("new", "Create a new key, encrypted in the home's keystore (key.keystore)") { LightKdf };
        create.SetAction((result, _) =>
        {
            var (home, config) = Load(result);
            using var key = SigningKey.Generate();
            var path = NodeKeys.Create(home, config, key, Kdf(result), PassphrasePrompt.Read);
            return Task.FromResult(Report(result, "created", key.Address.ToString(), path));
        });

        var file = new Argument<FileInfo?>("file")
        {
            Description = "A keystore (JSON, from geth or cast: decrypted with the passphrase and re-encrypted into the home's keystore) or a file holding a hex private key; none: encrypt the home's node.key",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var import = new Command("import", "Import a key into the home's keystore") { file, LightKdf };
        import.SetAction((result, _) =>
        {
            var (home, config) = Load(result);
            var source = result.GetValue(file);
            var target = NodeKeys.KeystorePath(home, config);
            if (source is null)
            {
                var legacy = NodeKeys.LegacyPath(home);
                if (!File.Exists(legacy))
                {
                    throw new UsageException($"key import: no FILE given and {legacy} does not exist; rule: give a keystore or private-key file, or run in a home with a node.key");
                }
                using var old = KeyFile.Load(legacy);
                var path = NodeKeys.Create(home, config, old, Kdf(result), PassphrasePrompt.Read);
                using (var back = NodeKeys.Unlock(home, config, PassphrasePrompt.Read))
                {
                    if (back.Address != old.Address)
                    {
                        throw new InvalidOperationException($"{path} does not decrypt to {old.Address}; node.key was kept");
                    }
                }
                File.Delete(legacy); // the key now lives only encrypted
                return Task.FromResult(Report(result, "migrated node.key to", old.Address.ToString(), path));
            }
            if (!source.Exists)
            {
                throw new UsageException($"key import: {source.FullName} does not exist");
            }
            var text = File.ReadAllText(source.FullName).Trim();
            if (text.StartsWith('{'))
            {
                using var key = Keystore.Decrypt(text, NodeKeys.Passphrase(config, PassphrasePrompt.Read, confirm: false));
                if (File.Exists(target))
                {
                    throw new IOException($"key.keystore = {target} already exists; rule: a keystore is never overwritten (move it away first)");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Keystore.Save(target, Keystore.Encrypt(key, NodeKeys.Passphrase(config, PassphrasePrompt.Read, confirm: false), Kdf(result)));
                return Task.FromResult(Report(result, "imported", key.Address.ToString(), target));
            }
            using var plain = SigningKey.Parse(text);
            var written = NodeKeys.Create(home, config, plain, Kdf(result), PassphrasePrompt.Read);
            return Task.FromResult(Report(result, "imported", plain.Address.ToString(), written));
        });

        var show = new Command("show", "Show the node's address and where its key is (no passphrase needed)");
        show.SetAction((result, _) =>
        {
            var (home, config) = Load(result);
            var print = Printer.For(result);
            var keystore = NodeKeys.KeystorePath(home, config);
            var legacy = NodeKeys.LegacyPath(home);
            var address = NodeKeys.AddressOf(home, config)
                ?? throw new FileNotFoundException($"key.keystore = {keystore}: no such file, and no node.key in {home.Path}; rule: a node needs its key: run `autonet key new`");
            var encrypted = File.Exists(keystore);
            print.Object(new { address = address.ToString(), keystore = encrypted ? keystore : null, plaintext = !encrypted || File.Exists(legacy) ? legacy : null });
            print.Text($"{address} in {(encrypted ? keystore : legacy + " (plaintext: `autonet key import` encrypts it)")}");
            if (encrypted && File.Exists(legacy))
            {
                print.Text($"note: {legacy} is still there (plaintext) and is not used while the keystore exists; delete it once you no longer need it");
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return new Command("key", "The node's key: an encrypted Web3 Secret Storage keystore that geth and Foundry read") { create, import, show };
    }

    private static (Node.NodeHome Home, AutonetConfig Config) Load(ParseResult result)
    {
        var home = GlobalOptions.ResolveHome(result);
        return (home, AutonetConfig.Load(home));
    }

    private static KdfParameters Kdf(ParseResult result) => result.GetValue(LightKdf) ? KdfParameters.Light : KdfParameters.Standard;

    private static int Report(ParseResult result, string what, string address, string path)
    {
        var print = Printer.For(result);
        print.Object(new { address, keystore = path });
        print.Text($"{what} {path}: {address}");
        return ExitCodes.Success;
    }
}
