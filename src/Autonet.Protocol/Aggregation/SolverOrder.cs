using Autonet.Core.Ids;

namespace Autonet.Protocol.Aggregation;

/// <summary>Orders solvers by their 20 address bytes, big-endian (numeric order of the address), as every node does.</summary>
internal sealed class SolverOrder : IComparer<Address>
{
    public static readonly SolverOrder Instance = new();

    public int Compare(Address x, Address y)
    {
        Span<byte> left = stackalloc byte[Address.Length];
        Span<byte> right = stackalloc byte[Address.Length];
        x.CopyTo(left);
        y.CopyTo(right);
        return left.SequenceCompareTo(right);
    }
}
