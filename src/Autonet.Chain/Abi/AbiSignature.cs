using System.Text;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Abi;

/// <summary>Canonical signatures "name(type,…)" and their Keccak-256 selectors, shared by functions, events and errors.</summary>
public static class AbiSignature
{
    /// <summary>"name(t1,t2,…)" with canonical type names (tuples as "(…)").</summary>
    public static string Of(string name, IReadOnlyList<AbiParameter> inputs) =>
        name + "(" + string.Join(",", inputs.Select(p => p.Type.CanonicalName)) + ")";

    /// <summary>The first 4 bytes of keccak256(signature).</summary>
    public static byte[] Selector(string signature) => Keccak256.Hash(Encoding.ASCII.GetBytes(signature)).ToArray()[..4];

    /// <summary>Parses "name(t1,t2)" into a name and unnamed parameters.</summary>
    /// <exception cref="FormatException">The text is not of that shape.</exception>
    public static (string Name, IReadOnlyList<AbiParameter> Inputs) Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')'))
        {
            return Errors.AbiType<(string, IReadOnlyList<AbiParameter>)>(signature, "a signature looks like name(type,type)");
        }
        var tuple = AbiType.Parse(signature[open..]);
        return (signature[..open], tuple.Components);
    }
}
