namespace Autonet.Chain.Abi;

/// <summary>
/// A contract function: its signature "name(type,…)", the 4-byte selector (first bytes of Keccak-256 of the
/// signature; Solidity ABI specification, "Function Selector"), call-data encoding and return-data decoding.
/// </summary>
public sealed class AbiFunction
{
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability = "nonpayable")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        StateMutability = stateMutability;
        Signature = AbiSignature.Of(name, inputs);
        Selector = AbiSignature.Selector(Signature);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>"pure", "view", "nonpayable" or "payable".</summary>
    public string StateMutability { get; }

    /// <summary>True for view and pure functions, which are called rather than sent.</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";

    /// <summary>The canonical signature, e.g. "transfer(address,uint256)".</summary>
    public string Signature { get; }

    /// <summary>The first 4 bytes of keccak256(signature).</summary>
    public byte[] Selector { get; }

    /// <summary>Selector followed by the ABI-encoded arguments.</summary>
    /// <exception cref="ArgumentException">An argument does not fit its type.</exception>
    public byte[] EncodeCall(params object[] arguments) => [.. Selector, .. AbiEncoder.Encode(Inputs, arguments)];

    /// <summary>Decodes return data into the output values.</summary>
    /// <exception cref="FormatException">The return data does not match the outputs.</exception>
    public object[] DecodeOutput(ReadOnlySpan<byte> data) => AbiDecoder.Decode(Outputs, data);

    /// <summary>Parses a human signature such as "transfer(address,uint256)" (no output types).</summary>
    public static AbiFunction Parse(string signature)
    {
        var (name, inputs) = AbiSignature.Parse(signature);
        return new AbiFunction(name, inputs, []);
    }

    public override string ToString() => Signature;
}
