using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// A <see cref="Deployment"/> as JSON: {"chainId": 31337, "contracts": {"ATNToken": "0x…", …}}, what `autonet chain up`
/// can write and `--rpc` users can read back. Parsing names the missing or malformed entry.
/// </summary>
public static class DeploymentJson
{
    public static string Write(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var contracts = new JsonObject();
        foreach (var (name, address) in deployment.ByName)
        {
            contracts[name] = address.ToString();
        }
        var root = new JsonObject
        {
            ["chainId"] = JsonValue.Create((ulong)deployment.ChainId),
            ["contracts"] = contracts,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <exception cref="FormatException">Not a deployment; the message names the entry.</exception>
    public static Deployment Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException error)
        {
            throw new FormatException($"deployment JSON does not parse: {error.Message}", error);
        }
        var chainIdText = root?["chainId"]?.ToJsonString() ?? throw new FormatException("deployment JSON has no chainId");
        if (!BigInteger.TryParse(chainIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            throw new FormatException($"deployment chainId {chainIdText} is not a non-negative integer");
        }
        Address Read(string name)
        {
            var text = root["contracts"]?[name]?.GetValue<string>() ?? throw new FormatException($"deployment JSON has no contracts.{name}");
            return Address.TryParse(text, out var address) ? address : throw new FormatException($"deployment contracts.{name} = '{text}' is not an address");
        }
        return Deployment.FromNames(chainId, Deployment.ContractNames.ToDictionary(n => n, Read), "deployment JSON");
    }
}
