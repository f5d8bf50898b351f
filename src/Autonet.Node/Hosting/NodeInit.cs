// The one way a node home is made, by `autonet node init` and by `network run --daemons` for each of its nodes:
// config.yaml with the role, the chain (RPC, registry, chain id) and node.auto_stake, a new key encrypted into a
// Web3 Secret Storage (v3) keystore (unless the home already has a key), and the state database. It never
// overwrites a config.yaml or a keystore. What to do next (fund, check) is the caller's to say.
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Node.Config;
using Autonet.Node.State;

namespace Autonet.Node.Hosting;

/// <summary>What `node init` is told.</summary>
public sealed record NodeInitOptions
{
    /// <summary>proposer, solver, coordinator, aggregator or provider (node.role).</summary>
    public required string Role { get; init; }

    /// <summary>The chain's JSON-RPC URL (chain.rpc).</summary>
    public required Uri Rpc { get; init; }

    /// <summary>The deployment's contract registry (chain.registry).</summary>
    public required Address Registry { get; init; }

    /// <summary>The chain id to expect (chain.chain_id); null: whatever the RPC reports.</summary>
    public long? ChainId { get; init; }

    /// <summary>Stake the role's amount at start when the balance allows it (node.auto_stake).</summary>
    public bool AutoStake { get; init; }

    /// <summary>A file holding the keystore's passphrase (key.passphrase_file); null: $AUTONET_PASSPHRASE or the prompt.</summary>
    public string? PassphraseFile { get; init; }

    /// <summary>The keystore's scrypt cost.</summary>
    public KdfParameters Kdf { get; init; } = KdfParameters.Standard;
}

/// <summary>What `node init` made: the node's address, its keystore, and whether the key was made now.</summary>
public sealed record NodeInitResult(Address Address, string Keystore, string KeyNote, AutonetConfig Config);

/// <summary>Makes a node home.</summary>
public static class NodeInit
{
    /// <summary>Writes config.yaml, creates the key (encrypted with the passphrase from the options, the environment or <paramref name="prompt"/>) and node.db.</summary>
    /// <exception cref="IOException">the home already has a config.yaml (the message names it and the rule)</exception>
    public static NodeInitResult Create(NodeHome home, NodeInitOptions options, Func<string, string?>? prompt)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(options);
        if (File.Exists(home.File(AutonetConfig.FileName)))
        {
            throw new IOException($"{home.File(AutonetConfig.FileName)} already exists; rule: init never overwrites a home (change it with `autonet config set`)");
        }
        var values = new Dictionary<ConfigKey, object>
        {
            [ConfigKeys.NodeRole] = options.Role,
            [ConfigKeys.ChainRpc] = options.Rpc.ToString(),
            [ConfigKeys.ChainRegistry] = options.Registry.ToString(),
            [ConfigKeys.NodeAutoStake] = options.AutoStake,
        };
        if (options.ChainId is { } id)
        {
            values[ConfigKeys.ChainId] = id;
        }
        if (options.PassphraseFile is { } pass)
        {
            values[ConfigKeys.KeyPassphraseFile] = Path.GetFullPath(pass);
        }
        AutonetConfig.Write(home, values);
        var config = AutonetConfig.Load(home);
        var keystore = NodeKeys.KeystorePath(home, config);
        string keyNote;
        Address address;
        if (NodeKeys.AddressOf(home, config) is { } existing)
        {
            address = existing;
            keyNote = File.Exists(keystore) ? $"kept {keystore}" : $"kept the plaintext {NodeKeys.LegacyPath(home)} (`autonet key import` encrypts it)";
        }
        else
        {
            using var key = SigningKey.Generate();
            NodeKeys.Create(home, config, key, options.Kdf, prompt);
            address = key.Address;
            keyNote = $"created {keystore}";
        }
        using (NodeDatabase.Open(home.File("node.db")))
        {
            // Creating it is the point: the schema is written on open.
        }
        return new NodeInitResult(address, keystore, keyNote, config);
    }
}
