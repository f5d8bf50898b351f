namespace Autonet.Storage.Erasure;

/// <summary>
/// One way to multiply a vector of bytes by a GF(2^8) constant, for <see cref="VectorKernel{TLanes, TVector}"/>:
/// the kernel owns the loop (blocks, output groups, the tail), a lanes type owns the instructions and the vector
/// width. Static abstract members on a struct: the JIT compiles one loop per lanes type with every call inlined.
/// Not a general vector abstraction: only what the multiply-accumulate loop needs.
/// </summary>
internal interface IGaloisLanes<TVector>
    where TVector : struct
{
    /// <summary>True when this CPU has the instructions.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Bytes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Vectors of precomputed table per coefficient (an affine matrix: 1; split-nibble tables: 2).</summary>
    static abstract int TableVectors { get; }

    /// <summary>Writes the <see cref="TableVectors"/> vectors that multiply by <paramref name="coefficient"/>.</summary>
    static abstract void BuildTables(byte coefficient, Span<TVector> destination);

    /// <summary>Count bytes from <paramref name="source"/> + <paramref name="offset"/>, unaligned.</summary>
    static abstract TVector Load(ref byte source, nuint offset);

    /// <summary>Count bytes to <paramref name="destination"/> + <paramref name="offset"/>, unaligned.</summary>
    static abstract void Store(TVector value, ref byte destination, nuint offset);

    /// <summary>
    /// A vector the loop loads once and passes to every multiply (the nibble mask); loaded from memory, not built
    /// as a constant, so the JIT keeps it in a register instead of rebuilding it at every use.
    /// </summary>
    static abstract TVector LoopConstant { get; }

    /// <summary>sum ^ c * x for every byte, c the coefficient whose tables start at <paramref name="tables"/>.</summary>
    static abstract TVector MultiplyAdd(TVector sum, TVector x, ref TVector tables, TVector constant);

    /// <summary>sum ^ c * x ^ d * y: two columns at once, so the XORs can fuse (vpternlogd) where the CPU allows.</summary>
    static abstract TVector MultiplyAdd(TVector sum, TVector x, ref TVector xTables, TVector y, ref TVector yTables, TVector constant);
}
