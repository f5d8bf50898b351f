namespace Autonet.Protocol.Aggregation;

/// <summary>Which kernels compute the rule. Both give the same bytes; the reference is the test oracle.</summary>
public enum AggregationBackend
{
    /// <summary>Vector256 kernels, blocked for cache (the default).</summary>
    Fast,

    /// <summary>Plain loops over updates and coordinates: the oracle the fast kernels are tested against.</summary>
    Reference,
}
