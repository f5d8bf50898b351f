// home/chain.json: where the chain a node uses lives (RPC URL, chain id, the eight contract addresses), written by
// `autonet chain up` and read by `autonet stake` / `autonet balance`, so they need no flags on a dev machine.
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;

namespace Autonet.Node.Hosting;

/// <summary>Saves and loads a node's chain endpoint and deployment.</summary>
public static class ChainFile
{
    public const string FileName = "chain.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Save(NodeHome home, Uri rpc, Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(deployment);
        home.EnsureCreated();
        var document = new Dictionary<string, string>
        {
            ["rpc"] = rpc.ToString(),
            ["chainId"] = deployment.ChainId.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, address) in deployment.ByName)
        {
            document[name] = address.ToString();
        }
        File.WriteAllText(home.File(FileName), JsonSerializer.Serialize(document, Indented));
    }

    /// <exception cref="FileNotFoundException">No chain.json: run `autonet chain up` or pass --rpc.</exception>
    public static (Uri Rpc, Deployment Deployment) Load(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = home.File(FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: start a chain with `autonet chain up` (same --home) first", path);
        }
        var d = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
            ?? throw new FormatException($"{path} is empty");
        string Get(string key) => d.TryGetValue(key, out var v) ? v : throw new FormatException($"{path} lacks '{key}'");
        var deployment = Deployment.FromNames(BigInteger.Parse(Get("chainId"), CultureInfo.InvariantCulture),
            Deployment.ContractNames.ToDictionary(n => n, n => Address.Parse(Get(n))), path);
        return (new Uri(Get("rpc")), deployment);
    }
}
