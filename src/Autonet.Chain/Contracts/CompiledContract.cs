using System.Text.Json;
using Autonet.Chain.Abi;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Contracts;

/// <summary>
/// A contract as contracts/scripts/compile.mjs writes it to contracts/out/&lt;Name&gt;.json: its ABI and creation bytecode.
/// Unlinked bytecode (with __$…$__ library placeholders) is refused: our contracts use internal libraries only.
/// </summary>
public sealed record CompiledContract(string Name, ContractAbi Abi, byte[] Bytecode)
{
    /// <summary>Reads &lt;Name&gt;.json from <paramref name="outDirectory"/>.</summary>
    /// <exception cref="ChainException">The file is missing or not a compiled contract; the message says what to run.</exception>
    public static CompiledContract Load(string outDirectory, string name)
    {
        var path = Path.Combine(outDirectory, name + ".json");
        if (!File.Exists(path))
        {
            throw new ChainException($"compiled contract {path} not found; run `cd contracts && npm run compile`");
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var abi = ContractAbi.Parse(root.GetProperty("abi"));
            var code = root.GetProperty("bytecode");
            var hex = code.ValueKind == JsonValueKind.Object ? code.GetProperty("object").GetString() : code.GetString();
            if (hex is null || hex.Contains("__$", StringComparison.Ordinal))
            {
                throw new ChainException($"{path}: bytecode is missing or needs library linking");
            }
            var bytecode = Hex.Decode(hex);
            return bytecode.Length == 0 ? throw new ChainException($"{path}: bytecode is empty (an interface or abstract contract?)") : new CompiledContract(name, abi, bytecode);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new ChainException($"{path} is not a compiled contract ({error.Message}); run `cd contracts && npm run compile`", error);
        }
    }

    /// <summary>
    /// contracts/out: AUTONET_CONTRACTS_OUT if set, else the first contracts/out above the current or base directory.
    /// </summary>
    /// <exception cref="ChainException">None found; the message says how to compile.</exception>
    public static string FindOutDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AUTONET_CONTRACTS_OUT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var path = Path.Combine(directory.FullName, "contracts", "out");
                if (File.Exists(Path.Combine(path, "ATNToken.json")))
                {
                    return path;
                }
            }
        }
        throw new ChainException("contracts/out not found: run `cd contracts && npm install && npm run compile` (or set AUTONET_CONTRACTS_OUT)");
    }

    /// <summary>Creation code followed by the ABI-encoded constructor arguments.</summary>
    public byte[] CreationData(params object[] constructorArguments) =>
        [.. Bytecode, .. AbiEncoder.Encode(Abi.ConstructorInputs, constructorArguments)];
}
