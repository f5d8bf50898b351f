using Autonet.Data.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Autonet.Data.Tests.Text;

public class TextDataConfigTests
{
    [Fact]
    public void Defaults_AreConsentOffAnd512UnderAtn()
    {
        var config = new TextDataConfig();
        Assert.False(config.TrainOnAgentData);
        Assert.Equal(512, config.MaxSeqLength);
        Assert.Equal(512, config.EffectiveStride);
        Assert.Equal("~/.atn/conversations", config.ConversationsDirectory);
        Assert.Equal("~/.atn/agents", config.AgentsDirectory);
        Assert.Empty(config.Validate());
    }

    [Theory]
    [InlineData(2048, null, null)]
    [InlineData(16, 1, null)]
    [InlineData(4096, null, "max_seq_length")]
    [InlineData(8, null, "max_seq_length")]
    [InlineData(512, 0, "stride")]
    [InlineData(512, 513, "stride")]
    public void Validate_SeqLengthAndStride_CheckedByName(int maxSeqLength, int? stride, string? badOption)
    {
        var config = new TextDataConfig { MaxSeqLength = maxSeqLength, Stride = stride };
        if (badOption is null)
        {
            config.Validate();
            return;
        }
        var ex = Assert.Throws<ArgumentException>(() => config.Validate());
        Assert.Equal(badOption, ex.ParamName);
        Assert.Contains(badOption, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandHome_TildePath_UsesHomeFolder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".atn/agents"), TextDataConfig.ExpandHome("~/.atn/agents"));
        Assert.Equal("/tmp/x", TextDataConfig.ExpandHome("/tmp/x"));
    }

    [Fact]
    public void Yaml_SnakeCaseSection_DeserializesIntoConfig()
    {
        const string yaml = """
            train_on_agent_data: true
            max_seq_length: 1024
            stride: 256
            conversations_directory: /data/conversations
            exclusion_patterns:
              - "glob:agents/private-*/**"
              - 'regex:(?i)\bconfidential\b'
            """;
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var config = deserializer.Deserialize<TextDataConfig>(yaml);
        Assert.True(config.TrainOnAgentData);
        Assert.Equal(1024, config.MaxSeqLength);
        Assert.Equal(256, config.Stride);
        Assert.Equal("/data/conversations", config.ConversationsDirectory);
        Assert.Equal("~/.atn/agents", config.AgentsDirectory); // untouched default
        Assert.Equal(2, config.Validate().Count);
        Assert.Contains("max_seq_length: 1024", new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Serialize(config), StringComparison.Ordinal);
    }
}
