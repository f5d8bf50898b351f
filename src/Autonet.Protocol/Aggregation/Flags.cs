namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A compile-time switch for kernels: a generic parameter constrained to <see cref="IFlag"/> is a struct, so the JIT
/// compiles one body per flag with <see cref="On"/> folded to a constant (no branch inside the loop).
/// </summary>
internal interface IFlag
{
    static abstract bool On { get; }
}

/// <summary>The switch set.</summary>
internal readonly struct Yes : IFlag
{
    public static bool On => true;
}

/// <summary>The switch unset.</summary>
internal readonly struct No : IFlag
{
    public static bool On => false;
}
