namespace Autonet.Chain.Tests.Anvil;

/// <summary>All contract test classes share one deployed system (one anvil); they run one after another and revert between tests.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
