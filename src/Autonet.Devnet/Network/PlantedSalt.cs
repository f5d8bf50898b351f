using Autonet.Core.Ids;

namespace Autonet.Devnet.Network;

/// <summary>The salt of a task's forced-error commitment, saved before the plant so a restarted planter can reveal it.</summary>
public sealed record PlantedSalt(ulong TaskId, Hash32 Salt);
