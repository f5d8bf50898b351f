using Autonet.Core.Ids;

namespace Autonet.Devnet.Network;

/// <summary>
/// The salt of a task's forced-error commitment, saved before the plant so a restarted planter can reveal it, and the
/// plant's digest, so it can abandon a plant whose account never revealed it (null in a row saved before there was one).
/// </summary>
public sealed record PlantedSalt(ulong TaskId, Hash32 Salt, Hash32? Digest = null);
