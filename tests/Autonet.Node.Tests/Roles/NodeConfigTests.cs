using Autonet.Chain.Crypto;
using Autonet.Models.Jepa;
using Autonet.Node.Config;
using Autonet.Node.Roles;
using Autonet.Protocol.Aggregation;

namespace Autonet.Node.Tests.Roles;

/// <summary>A node's settings come from config.yaml's keys (with defaults), and bad ones are refused naming the key.</summary>
public sealed class NodeConfigTests : IDisposable
{
    private readonly NodeHome _home = new(Directory.CreateTempSubdirectory("autonet-nodeconfig-").FullName);
    private readonly SigningKey _key = SigningKey.Generate();

    [Fact]
    public void From_SolverKeys_ReadsEverySetting()
    {
        ShareFile.Write(_home.File("share.txt"), [3, 1, 4]);
        AutonetConfig.Write(_home, new Dictionary<ConfigKey, object>
        {
            [ConfigKeys.NodeRole] = "solver",
            [ConfigKeys.NodeName] = "solver-2",
            [ConfigKeys.NodeProject] = 3L,
            [ConfigKeys.NodeSeed] = 44L,
            [ConfigKeys.StorageGateways] = new[] { "http://127.0.0.1:5091/" },
            [ConfigKeys.DataModality] = "text",
            [ConfigKeys.DataTrainImages] = 300L,
            [ConfigKeys.DataShareFile] = _home.File("share.txt"),
            [ConfigKeys.CoordinatorMaxDeltaNorm] = 12.5,
        });

        var config = NodeConfig.From(AutonetConfig.Load(_home, NoEnvironment), _key);

        Assert.Equal(("solver-2", NodeRole.Solver, 3UL, 44UL, Modality.Text, 300, 12.5), (config.Name, config.Role, config.ProjectId, config.Seed, config.Modality, config.TrainImages, config.MaxDeltaNorm));
        Assert.Equal([new Uri("http://127.0.0.1:5091/")], config.Gateways);
        Assert.Equal([3, 1, 4], config.LocalIndices);
        Assert.Equal(new AggregationOptions(), config.Aggregation); // FedAvg until the node reads its project's rule from chain
        Assert.Null(config.Proposing);
    }

    [Fact]
    public void From_OnlyTheRole_DefaultsTrainOnAllWithASeedOfItsOwn()
    {
        AutonetConfig.Write(_home, new Dictionary<ConfigKey, object> { [ConfigKeys.NodeRole] = "solver" });
        var settings = AutonetConfig.Load(_home, NoEnvironment);

        var config = NodeConfig.From(settings, _key);
        using var other = SigningKey.Generate();

        Assert.Equal(("solver", 1UL, Modality.Image, 6000), (config.Name, config.ProjectId, config.Modality, config.TrainImages));
        Assert.Empty(config.Gateways); // the providers on chain
        Assert.Null(config.LocalIndices); // all of the loaded data
        Assert.NotEqual(0UL, config.Seed);
        Assert.Equal(config.Seed, NodeConfig.From(settings, _key).Seed);
        Assert.NotEqual(config.Seed, NodeConfig.From(settings, other).Seed);
        Assert.Throws<InvalidOperationException>(() => NodeConfig.From(settings, key: null)); // nothing to derive the seed from
    }

    [Theory]
    [InlineData("")]
    [InlineData("provider")]
    public void From_NoNodeRole_ThrowsNamingTheKeyAndRule(string role)
    {
        AutonetConfig.Write(_home, new Dictionary<ConfigKey, object> { [ConfigKeys.NodeRole] = role });
        var error = Assert.Throws<FormatException>(() => NodeConfig.From(AutonetConfig.Load(_home, NoEnvironment), _key));
        Assert.Contains($"node.role = '{role}'; rule: a node's role must be proposer, solver, coordinator or aggregator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3\nseven\n", "line 2: 'seven' is not a sample index")]
    [InlineData("# nothing\n\n", "no indices")]
    public void From_BadShareFile_ThrowsNamingFileAndRule(string text, string message)
    {
        File.WriteAllText(_home.File("share.txt"), text);
        AutonetConfig.Write(_home, new Dictionary<ConfigKey, object> { [ConfigKeys.NodeRole] = "solver", [ConfigKeys.DataShareFile] = _home.File("share.txt") });
        var error = Assert.Throws<FormatException>(() => NodeConfig.From(AutonetConfig.Load(_home, NoEnvironment), _key));
        Assert.Contains($"data.share_file = {_home.File("share.txt")}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_UnknownModality_RefusedNamingKeyAndChoices()
    {
        var modality = Assert.Throws<FormatException>(() => AutonetConfig.Set(_home, "data.modality", "audio", NoEnvironment));
        Assert.Contains("data.modality = 'audio' is invalid: must be image, text or multimodal", modality.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalData_ShareIndexPastTheData_ThrowsNamingTheKey()
    {
        var config = new NodeConfig { Name = "solver-1", Role = NodeRole.Solver, LocalIndices = [0, 5] };
        var images = new Data.Images.ImageDataset(new float[3 * 28 * 28], new byte[3], 28, 28, Data.Images.PixelNormalization.UnitRange);
        var error = Assert.Throws<FormatException>(() => NodeRoles.LocalData(config, images, null));
        Assert.Contains("data.share_file: index 5 is past the 3 samples loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UndefinedRole_ThrowsNamingRole()
    {
        var config = new NodeConfig { Name = "x-1", Role = (NodeRole)9 };
        var error = Assert.Throws<ArgumentException>(() => NodeRoles.Create(config, null!, null!, null!, null!, null!, null));
        Assert.Contains("role 9 is not proposer, solver, coordinator or aggregator", error.Message, StringComparison.Ordinal);
    }

    private static readonly System.Collections.Hashtable NoEnvironment = [];

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_home.Path, recursive: true);
    }
}
