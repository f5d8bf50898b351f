using System.Collections;
using Autonet.Node.Config;

namespace Autonet.Node.Tests.Config;

/// <summary>config.yaml: defaults, the file, environment overrides, and every way a file or a value can be wrong.</summary>
public sealed class AutonetConfigTests : IDisposable
{
    private readonly NodeHome _home = new(Path.Combine(Path.GetTempPath(), "autonet-config-" + Guid.NewGuid().ToString("N")));
    private static readonly Hashtable NoEnvironment = [];

    [Fact]
    public void NoFile_GivesTheDefaults_ConsentOff()
    {
        var config = AutonetConfig.Load(_home, NoEnvironment);

        Assert.False(config.TrainOnAgentData);
        Assert.False(config.ScreenCapture);
        Assert.Equal(new Uri("http://127.0.0.1:8545"), config.Rpc);
        Assert.Equal("~/.atn/conversations", config.ConversationsDirectory);
        Assert.Empty(config.ExclusionPatterns);
        Assert.All(ConfigKeys.All, k => Assert.Equal(ConfigSource.Default, config.SourceOf(k).Source));
    }

    [Fact]
    public void File_IsRead_AndTheEnvironmentOverridesIt()
    {
        Write("""
            node:
              role: solver
              auto_stake: yes
            chain:
              rpc: http://10.0.0.1:8545
            data:
              train_on_agent_data: true
              exclusion_patterns:
                - "glob:**/private/**"
                - regex:api_key
              fps_cap: 0.5
            """);
        var environment = new Hashtable { ["AUTONET_RPC"] = "http://10.0.0.9:8545", ["AUTONET_DATA_FPS_CAP"] = "2" };

        var config = AutonetConfig.Load(_home, environment);

        Assert.Equal("solver", config.Role);
        Assert.True(config.AutoStake);
        Assert.True(config.TrainOnAgentData);
        Assert.Equal(["glob:**/private/**", "regex:api_key"], config.ExclusionPatterns);
        Assert.Equal(new Uri("http://10.0.0.9:8545"), config.Rpc);
        Assert.Equal((ConfigSource.Environment, "AUTONET_RPC"), config.SourceOf(ConfigKeys.ChainRpc));
        Assert.Equal(2.0, config.FpsCap);
        Assert.Equal(ConfigSource.File, config.SourceOf(ConfigKeys.DataConsent).Source);
        Assert.True(config.TextData().TrainOnAgentData);
    }

    [Fact]
    public void Set_ValidatesAndKeepsTheOtherValues()
    {
        AutonetConfig.Set(_home, "data.train_on_agent_data", "true", NoEnvironment);
        AutonetConfig.Set(_home, "data.exclusion_patterns", "glob:*.secret, regex:token", NoEnvironment);
        var config = AutonetConfig.Set(_home, "chain.rpc", "https://rpc.example:443", NoEnvironment);

        Assert.True(config.TrainOnAgentData);
        Assert.Equal(["glob:*.secret", "regex:token"], config.ExclusionPatterns);
        Assert.Equal(new Uri("https://rpc.example:443"), AutonetConfig.Load(_home, NoEnvironment).Rpc);

        var error = Assert.Throws<FormatException>(() => AutonetConfig.Set(_home, "data.fps_cap", "0", NoEnvironment));
        Assert.Contains("data.fps_cap = '0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 60]", error.Message, StringComparison.Ordinal);
        Assert.True(AutonetConfig.Load(_home, NoEnvironment).TrainOnAgentData); // a refused set changes nothing
    }

    [Fact]
    public void StringsThatNeedQuoting_RoundTrip()
    {
        var tricky = "~/my: \"data\" #1\\x";
        var config = AutonetConfig.Set(_home, "data.conversations_directory", tricky, NoEnvironment);
        Assert.Equal(tricky, config.ConversationsDirectory);
    }

    [Theory]
    [InlineData("chain:\n  rcp: http://x:1\n", "unknown key 'chain.rcp'")]
    [InlineData("chain:\n  rpc: ftp://x\n", "must be an http:// or https:// URL")]
    [InlineData("data:\n  train_on_agent_data: maybe\n", "must be true or false")]
    [InlineData("data:\n  fps_cap: [1, 2]\n", "not a list")]
    [InlineData("data:\n  exclusion_patterns:\n    deep: x\n", "not a mapping")]
    [InlineData("- a\n- b\n", "must be one mapping of sections")]
    [InlineData("chain: 5\n", "section 'chain'")]
    [InlineData("chain:\n  rpc: [unclosed\n", "not valid YAML")]
    [InlineData("node:\n  project_id: 0\n", "must be at least 1")]
    [InlineData("chain:\n  registry: 0x1234\n", "20-byte hex address")]
    [InlineData("metrics:\n  listen: localhost:9464\n", "HOST:PORT with an IP address")]
    [InlineData("metrics:\n  listen: 127.0.0.1\n", "HOST:PORT with an IP address")]
    [InlineData("metrics:\n  listen: 127.0.0.1:70000\n", "HOST:PORT with an IP address")]
    [InlineData("log:\n  format: xml\n", "must be text or json")]
    public void BadFile_NamesTheKeyAndTheRule(string yaml, string expected)
    {
        Write(yaml);
        var error = Assert.Throws<FormatException>(() => AutonetConfig.Load(_home, NoEnvironment));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(AutonetConfig.FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyThroughTheFileIsFormatErrorButThroughSetIsArgumentError()
    {
        Assert.Throws<ArgumentException>(() => AutonetConfig.Set(_home, "data.consent", "true", NoEnvironment));
        Assert.False(File.Exists(_home.File(AutonetConfig.FileName)));
    }

    [Fact]
    public void BadEnvironmentValue_NamesTheVariable()
    {
        var error = Assert.Throws<FormatException>(() => AutonetConfig.Load(_home, new Hashtable { ["AUTONET_DATA_FRAME_SIZE"] = "big" }));
        Assert.Contains("$AUTONET_DATA_FRAME_SIZE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedFile_IsRefusedBeforeParsing()
    {
        Directory.CreateDirectory(_home.Path);
        File.WriteAllText(_home.File(AutonetConfig.FileName), "# " + new string('x', AutonetConfig.MaxFileBytes));
        var error = Assert.Throws<FormatException>(() => AutonetConfig.Load(_home, NoEnvironment));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off", null)]
    [InlineData("0.0.0.0:9464", "0.0.0.0:9464")]
    [InlineData("[::1]:0", "[::1]:0")]
    public void MetricsListen_OffOrAddress_Parsed(string value, string? expected)
    {
        Write($"metrics:\n  listen: \"{value}\"\n");
        Assert.Equal(expected, AutonetConfig.Load(_home, NoEnvironment).MetricsListen?.ToString());
    }

    [Fact]
    public void EmptyFile_IsAllDefaults()
    {
        Write("");
        Assert.Equal(new Uri("http://127.0.0.1:8545"), AutonetConfig.Load(_home, NoEnvironment).Rpc);
    }

    private void Write(string yaml)
    {
        Directory.CreateDirectory(_home.Path);
        File.WriteAllText(_home.File(AutonetConfig.FileName), yaml);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home.Path))
        {
            Directory.Delete(_home.Path, recursive: true);
        }
    }
}
