using Autonet.Core.Ids;

namespace Autonet.Node.Cards;

/// <summary>One contributing solver: its consensus score (0..1) and whether the robust rule kept its update.</summary>
public sealed record CardContributor(Address Solver, double Score, bool Included, string Note);
