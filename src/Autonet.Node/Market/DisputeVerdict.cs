using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Node.Market;

/// <summary>What a coordinator did about one dispute: the hash it voted (null when it could not judge) and why.</summary>
public sealed record DisputeVerdict(BigInteger DisputeId, Hash32? Recomputed, bool ProviderWrong, string Reason);
