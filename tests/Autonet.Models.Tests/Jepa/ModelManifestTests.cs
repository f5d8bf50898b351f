using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class ModelManifestTests
{
    [Fact]
    public void Parse_ToJsonOutput_RoundTrips()
    {
        var manifest = ModelManifest.For(JepaConfig.Tiny(Modality.Text) with { EmbedInitGain = 0.5f, MaxTokens = 64 });
        var parsed = ModelManifest.Parse(manifest.ToJson());
        Assert.Equal(manifest.Config, parsed.Config);
        Assert.Equal("text-jepa", parsed.Architecture);
    }

    [Fact]
    public void Parse_FutureVersion_ThrowsSayingUpgrade()
    {
        var json = ModelManifest.For(new JepaConfig()).ToJson().Replace("\"version\":1", "\"version\":9", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(json));
        Assert.Contains("upgrade", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format_name\":\"other\",\"version\":1,\"architecture\":\"i-jepa\",\"config\":{}}")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"text-jepa\",\"config\":{\"modality\":\"image\"}}")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"i-jepa\",\"config\":{\"width\":30}}")]
    public void Parse_BadManifest_ThrowsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(json));

    [Fact]
    public void Validate_WidthNotDivisibleByHeads_ThrowsNamingWidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new JepaConfig { Width = 100, Heads = 3 }.Validate());
        Assert.Equal("width", e.ParamName);
    }
}
