using Autonet.Models.Jepa;
using Autonet.Node.Roles;
using Autonet.Protocol.Aggregation;

namespace Autonet.Node.Tests.Roles;

/// <summary>node.json round-trips, and a home without one gets an error that says what writes it.</summary>
public sealed class NodeConfigTests : IDisposable
{
    private readonly NodeHome _home = new(Directory.CreateTempSubdirectory("autonet-nodeconfig-").FullName);

    [Fact]
    public void SaveLoad_Solver_RoundTrips()
    {
        var config = new NodeConfig
        {
            Name = "solver-2",
            Role = NodeRole.Solver,
            Gateway = new Uri("http://127.0.0.1:5091/"),
            Modality = Modality.Text,
            Seed = 44,
            TrainImages = 300,
            LocalIndices = [3, 1, 4],
            Aggregation = new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimPerSide = 1 },
        };

        config.Save(_home);
        var loaded = NodeConfig.Load(_home);

        Assert.Equal(config with { LocalIndices = loaded.LocalIndices }, loaded);
        Assert.Equal([3, 1, 4], loaded.LocalIndices);
        var json = File.ReadAllText(_home.File("node.json"));
        Assert.Contains("\"role\":\"solver\"", json, StringComparison.Ordinal); // enums as people write them
        Assert.Contains("\"rule\":\"trimmed-mean\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoNodeJson_ThrowsNamingFileAndWhatWritesIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NodeConfig.Load(_home));
        Assert.Contains(_home.File("node.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("autonet network run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownRole_ThrowsNamingFileAndMember()
    {
        File.WriteAllText(_home.File("node.json"), """{"name":"x-1","role":"oracle","gateway":"http://127.0.0.1:1/"}""");
        var error = Assert.Throws<FormatException>(() => NodeConfig.Load(_home));
        Assert.Contains("node.json is not a valid node.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UndefinedRole_ThrowsNamingRole()
    {
        var config = new NodeConfig { Name = "x-1", Role = (NodeRole)9, Gateway = new Uri("http://127.0.0.1:1/") };
        var error = Assert.Throws<ArgumentException>(() => NodeRoles.Create(config, null!, null!, null!, null!, null!, null));
        Assert.Contains("role 9 is not proposer, solver, coordinator or aggregator", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home.Path, recursive: true);
}
