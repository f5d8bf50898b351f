using System.Runtime.CompilerServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The 16 striped partials of <see cref="StripedSum"/> held as four TDouble registers p0..p3, for either width.
/// Vector256 (4 doubles each): p0..p3 are stripes 0-3, 4-7, 8-11, 12-15. Vector512 (8 doubles): p0 = stripes 0-7,
/// p1 = 8-15, p2 and p3 unused. A step is 2 × Count consecutive coordinates starting at a multiple of 16, given as
/// four TDouble v0..v3 in coordinate order; each stripe receives its elements in increasing j, as the loops do.
/// </summary>
internal static class Stripes<TF, TD, TL>
    where TF : struct
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(ref double partials, out TD p0, out TD p1, out TD p2, out TD p3)
    {
        var half = TL.Count / 2;
        p0 = TL.LoadDouble(ref partials, 0);
        p1 = TL.LoadDouble(ref partials, half);
        p2 = TL.Count == 8 ? TL.LoadDouble(ref partials, 2 * half) : default;
        p3 = TL.Count == 8 ? TL.LoadDouble(ref partials, 3 * half) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref double partials, TD p0, TD p1, TD p2, TD p3)
    {
        var half = TL.Count / 2;
        TL.StoreDouble(p0, ref partials, 0);
        TL.StoreDouble(p1, ref partials, half);
        if (TL.Count == 8)
        {
            TL.StoreDouble(p2, ref partials, 2 * half);
            TL.StoreDouble(p3, ref partials, 3 * half);
        }
    }

    /// <summary>p[stripe] += v², one step (v0..v3 = 2 × Count coordinates in order), each square rounded, then added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddSquares(ref TD p0, ref TD p1, ref TD p2, ref TD p3, TD v0, TD v1, TD v2, TD v3)
    {
        if (TL.Count == 8)
        {
            p0 = TL.Add(p0, TL.Multiply(v0, v0));
            p1 = TL.Add(p1, TL.Multiply(v1, v1));
            p2 = TL.Add(p2, TL.Multiply(v2, v2));
            p3 = TL.Add(p3, TL.Multiply(v3, v3));
        }
        else
        {
            // v0, v2 are stripes 0-7 of coordinates j and j + 16; v1, v3 stripes 8-15: added in that order.
            p0 = TL.Add(TL.Add(p0, TL.Multiply(v0, v0)), TL.Multiply(v2, v2));
            p1 = TL.Add(TL.Add(p1, TL.Multiply(v1, v1)), TL.Multiply(v3, v3));
        }
    }

    /// <summary>As <see cref="AddSquares"/> for v0..v3 widened from floats, whose squares are exact: one FMA each (ILanes.AddSquareExact), the same bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddSquaresOfFloats(ref TD p0, ref TD p1, ref TD p2, ref TD p3, TD v0, TD v1, TD v2, TD v3)
    {
        if (TL.Count == 8)
        {
            p0 = TL.AddSquareExact(p0, v0);
            p1 = TL.AddSquareExact(p1, v1);
            p2 = TL.AddSquareExact(p2, v2);
            p3 = TL.AddSquareExact(p3, v3);
        }
        else
        {
            // v0, v2 are stripes 0-7 of coordinates j and j + 16; v1, v3 stripes 8-15: added in that order.
            p0 = TL.AddSquareExact(TL.AddSquareExact(p0, v0), v2);
            p1 = TL.AddSquareExact(TL.AddSquareExact(p1, v1), v3);
        }
    }
}
