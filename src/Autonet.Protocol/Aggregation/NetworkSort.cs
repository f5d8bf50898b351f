namespace Autonet.Protocol.Aggregation;

/// <summary>Sorts lanes[0..n) and lanes[n..2n) lane-wise in place, as far as a <see cref="CompiledNetwork"/> was built to (ranks first..last).</summary>
internal delegate void NetworkSort<TVector>(ref TVector lanes)
    where TVector : struct;
