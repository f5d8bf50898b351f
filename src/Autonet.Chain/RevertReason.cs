using Autonet.Core.Codecs;

namespace Autonet.Chain;

/// <summary>
/// A decoded revert: the error's name (<c>Error</c>, <c>Panic</c>, or a custom error from a contract ABI),
/// its decoded argument values, and the raw return data. <see cref="Name"/> is "unknown" when no ABI knows the selector.
/// </summary>
public sealed record RevertReason(string Name, IReadOnlyList<object> Values, byte[] Data)
{
    /// <summary>The name used when the selector matches no known error.</summary>
    public const string UnknownName = "unknown";

    /// <summary>True when the selector matched <c>Error(string)</c>, <c>Panic(uint256)</c> or a known custom error.</summary>
    public bool IsKnown => Name != UnknownName;

    /// <summary>"Name(value, value)" for a known error, "unknown revert data 0x…" otherwise.</summary>
    public override string ToString() => IsKnown
        ? $"{Name}({string.Join(", ", Values.Select(Abi.AbiValue.Format))})"
        : $"unknown revert data {Hex.Encode(Data)}";
}
