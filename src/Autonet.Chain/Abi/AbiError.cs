namespace Autonet.Chain.Abi;

/// <summary>
/// A Solidity error: custom errors (Solidity ABI specification, "Errors") plus the two built-ins,
/// <c>Error(string)</c> from require/revert strings and <c>Panic(uint256)</c> from assert, overflow and the like.
/// </summary>
public sealed class AbiError
{
    public AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Inputs = inputs;
        Signature = AbiSignature.Of(name, inputs);
        Selector = AbiSignature.Selector(Signature);
    }

    /// <summary><c>Error(string)</c>, selector 0x08c379a0.</summary>
    public static AbiError ErrorString { get; } = new("Error", [new AbiParameter("message", AbiType.Parse("string"))]);

    /// <summary><c>Panic(uint256)</c>, selector 0x4e487b71.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiType.UInt256)]);

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string Signature { get; }

    public byte[] Selector { get; }

    /// <summary>Selector followed by the encoded values: what a contract returns when it reverts with this error.</summary>
    public byte[] Encode(params object[] values) => [.. Selector, .. AbiEncoder.Encode(Inputs, values)];

    public override string ToString() => Signature;
}
