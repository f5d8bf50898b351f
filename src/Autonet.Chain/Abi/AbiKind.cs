namespace Autonet.Chain.Abi;

/// <summary>The kinds of Solidity ABI types (Solidity ABI specification, "Types").</summary>
public enum AbiKind
{
    /// <summary>uintN.</summary>
    UnsignedInteger,

    /// <summary>intN.</summary>
    SignedInteger,
    Address,
    Bool,

    /// <summary>bytesN, 1 &lt;= N &lt;= 32.</summary>
    FixedBytes,

    /// <summary>bytes.</summary>
    DynamicBytes,

    /// <summary>string.</summary>
    Text,

    /// <summary>T[].</summary>
    Array,

    /// <summary>T[k].</summary>
    FixedArray,
    Tuple,
}
