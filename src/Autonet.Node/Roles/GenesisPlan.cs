// An aggregator daemon's genesis (node.json's "genesis"): the project's first model, a seeded JEPA of this config,
// published by the aggregator itself, since Project.publishModel takes task 0 only from an approved aggregator with an
// Aggregator stake. Without it the aggregator only publishes the aggregates of tasks.
using Autonet.Models.Jepa;

namespace Autonet.Node.Roles;

/// <summary>The seeded model an aggregator publishes as its project's genesis when the project has none.</summary>
public sealed record GenesisPlan
{
    /// <summary>The model's architecture.</summary>
    public required JepaConfig Model { get; init; }

    /// <summary>Seeds its initial weights, so anyone rebuilds the same bytes.</summary>
    public required int Seed { get; init; }
}
