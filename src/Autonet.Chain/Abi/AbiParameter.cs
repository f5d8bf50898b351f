namespace Autonet.Chain.Abi;

/// <summary>A named input or output of a function, event or error; <see cref="Indexed"/> matters for event inputs only.</summary>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false);
