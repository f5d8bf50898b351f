using Autonet.Chain.Crypto;

namespace Autonet.Node.Hosting;

/// <summary>A node's signing key in its home (node.key, mode 0600): created once, loaded afterwards.</summary>
public static class NodeIdentity
{
    public const string KeyFileName = "node.key";

    public static SigningKey LoadOrCreate(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        home.EnsureCreated();
        var path = home.File(KeyFileName);
        if (File.Exists(path))
        {
            return KeyFile.Load(path);
        }
        var key = SigningKey.Generate();
        KeyFile.Save(path, key);
        return key;
    }
}
