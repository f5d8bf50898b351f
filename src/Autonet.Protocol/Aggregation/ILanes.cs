namespace Autonet.Protocol.Aggregation;

/// <summary>
/// One hardware vector width for the fast kernels, so each kernel is written once and runs as Vector512 where
/// AVX-512 is present and Vector256 elsewhere. Every operation is lane-wise (no horizontal sums, no rounding FMA), so both
/// widths compute the same bytes; only the number of coordinates per instruction differs. TFloat holds
/// <see cref="Count"/> floats, TDouble half as many doubles (one widened half of a TFloat).
/// </summary>
internal interface ILanes<TFloat, TDouble>
    where TFloat : struct
    where TDouble : struct
{
    /// <summary>Floats per TFloat (8 or 16); a divisor of <see cref="StripedSum.Stripes"/> × 2.</summary>
    static abstract int Count { get; }

    static abstract TFloat Load(ref float source, int index);

    static abstract void Store(TFloat value, ref float destination, int index);

    static abstract TDouble LoadDouble(ref double source, int index);

    static abstract void StoreDouble(TDouble value, ref double destination, int index);

    static abstract TFloat Broadcast(float value);

    static abstract TDouble Broadcast(double value);

    /// <summary>Count floats from <paramref name="source"/> + <paramref name="index"/>, widened (as <see cref="Widen"/> of a Load, in fewer instructions).</summary>
    static abstract (TDouble Lower, TDouble Upper) LoadWidened(ref float source, int index);

    /// <summary>Lanes 0..Count/2-1 and Count/2..Count-1 as doubles (exact).</summary>
    static abstract (TDouble Lower, TDouble Upper) Widen(TFloat value);

    /// <summary>Rounds both halves to float (round to nearest even, as a C# cast).</summary>
    static abstract TFloat Narrow(TDouble lower, TDouble upper);

    /// <summary>Lane-wise float product x · y (IEEE, round to nearest even).</summary>
    static abstract TFloat Scale(TFloat x, TFloat y);

    static abstract TDouble Add(TDouble x, TDouble y);

    static abstract TDouble Subtract(TDouble x, TDouble y);

    static abstract TDouble Multiply(TDouble x, TDouble y);

    /// <summary>
    /// sum + x · x for x widened from float, in one fused multiply-add where the hardware has one: x · x of a float is
    /// exact in double (24-bit significands make at most 48 bits; exponents stay within double's range), so rounding
    /// once after the add is what sum + (x · x) computes. The one FMA the kernels use; never for a product that rounds.
    /// </summary>
    static abstract TDouble AddSquareExact(TDouble sum, TDouble x);

    static abstract TDouble Divide(TDouble x, TDouble y);

    /// <summary>Lane-wise minimum; differs from IEEE minimum only for NaN and the sign of a zero (see the callers).</summary>
    static abstract TFloat Min(TFloat left, TFloat right);

    static abstract TFloat Max(TFloat left, TFloat right);
}
