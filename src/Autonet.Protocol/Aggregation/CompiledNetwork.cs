using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A <see cref="SortingNetwork"/> compiled to straight-line code: load the n vectors into locals, one min and one max
/// per comparator, store ranks first..last back; the JIT keeps the values in registers. As a loop over the comparator
/// list (the previous kernel) every comparator stores two vectors that the next one reloads: the median of 10 rows in
/// cache ran at 4.9 GB/s that way and at 11.8 GB/s compiled (Vector512, this machine). It sorts two columns of n
/// vectors at once (lanes[0..n) and lanes[n..2n), each comparator emitted for both), so two independent dependency
/// chains interleave and one call serves both. Built once per (width, n, first, last) and cached; a DynamicMethod, so it
/// needs a JIT (not NativeAOT).
/// </summary>
internal static class CompiledNetwork
{
    /// <summary>The network for ranks first..last of n vectors, twice (lanes 0..n-1 and n..2n-1), with TLanes' Min and Max as comparators.</summary>
    public static NetworkSort<TVector> For<TVector, TLanes>(int count, int first, int last)
        where TVector : struct =>
        Cache<TVector, TLanes>.Networks.GetOrAdd((count, first, last), static key => Compile<TVector>(typeof(TLanes), key.Count, key.First, key.Last));

    private static NetworkSort<TVector> Compile<TVector>(Type lanes, int count, int first, int last)
        where TVector : struct
    {
        var vector = typeof(TVector);
        var min = lanes.GetMethod("Min", BindingFlags.Public | BindingFlags.Static, [vector, vector])
            ?? throw new InvalidOperationException($"{lanes.Name} has no Min({vector.Name}, {vector.Name})");
        var max = lanes.GetMethod("Max", BindingFlags.Public | BindingFlags.Static, [vector, vector])
            ?? throw new InvalidOperationException($"{lanes.Name} has no Max({vector.Name}, {vector.Name})");
        var method = new DynamicMethod(
            $"SortingNetwork_{vector.Name}_{count}_{first}_{last}", typeof(void), [vector.MakeByRefType()], typeof(CompiledNetwork).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var size = Unsafe.SizeOf<TVector>();
        var values = new LocalBuilder[2 * count];
        for (var i = 0; i < 2 * count; i++)
        {
            values[i] = il.DeclareLocal(vector);
            EmitAddress(il, i * size);
            il.Emit(OpCodes.Ldobj, vector);
            il.Emit(OpCodes.Stloc, values[i]);
        }

        var low = il.DeclareLocal(vector);
        foreach (var (a, b) in SortingNetwork.Build(count, first, last).SelectMany(c => new[] { c, (c.Low + count, c.High + count) }))
        {
            il.Emit(OpCodes.Ldloc, values[a]);
            il.Emit(OpCodes.Ldloc, values[b]);
            il.Emit(OpCodes.Call, min);
            il.Emit(OpCodes.Stloc, low);
            il.Emit(OpCodes.Ldloc, values[a]);
            il.Emit(OpCodes.Ldloc, values[b]);
            il.Emit(OpCodes.Call, max);
            il.Emit(OpCodes.Stloc, values[b]);
            il.Emit(OpCodes.Ldloc, low);
            il.Emit(OpCodes.Stloc, values[a]);
        }

        foreach (var r in Enumerable.Range(first, last - first + 1).SelectMany(r => new[] { r, r + count }))
        {
            EmitAddress(il, r * size);
            il.Emit(OpCodes.Ldloc, values[r]);
            il.Emit(OpCodes.Stobj, vector);
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<NetworkSort<TVector>>();
    }

    // Pushes lanes + offset bytes (a managed pointer).
    private static void EmitAddress(ILGenerator il, int offset)
    {
        il.Emit(OpCodes.Ldarg_0);
        if (offset != 0)
        {
            il.Emit(OpCodes.Ldc_I4, offset);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
        }
    }

    private static class Cache<TVector, TLanes>
        where TVector : struct
    {
        public static readonly ConcurrentDictionary<(int Count, int First, int Last), NetworkSort<TVector>> Networks = new();
    }
}
