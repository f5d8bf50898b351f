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

    [Theory]
    [InlineData("\"width\":1000000,\"heads\":1", "'width' = '1000000' is invalid: must be at most 8192")]
    [InlineData("\"depth\":100000", "'depth' = '100000' is invalid: must be at most 64")]
    [InlineData("\"image_size\":1024,\"patch_size\":1", "more than 8192 tokens")]
    [InlineData("\"width\":8192,\"heads\":1,\"depth\":64", "more than 268435456")]
    [InlineData("\"mlp_ratio\":1e30", "'mlp_ratio'")]
    [InlineData("\"patch_size\":0", "'image_size'")]
    public void Parse_UnboundedDimensions_ThrowsBeforeAnyModelIsBuilt(string config, string expected)
    {
        // A proposer's base model must not size every node's memory: the old Parse let new JepaModel(config) allocate without limit.
        var json = $"{{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"i-jepa\",\"config\":{{{config}}}}}";
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"i-jepa\",\"config\":null}")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":null,\"config\":{}}")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"i-jepa\"}")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"i-jepa\",\"config\":{\"width\":1e99}}")]
    [InlineData("null")]
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"text-jepa\",\"config\":{\"modality\":5}}")] // was Modality 5, accepted
    [InlineData("{\"format_name\":\"autonet-jepa\",\"version\":1,\"architecture\":\"text-jepa\",\"config\":{\"modality\":\"1\"}}")]
    public void Parse_NullOrMissingFields_ThrowsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(json));

    [Fact]
    public void Parse_OverlongText_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(new string(' ', ModelManifest.MaxJsonLength + 1)));
        Assert.Contains("more than 65536", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WidthNotDivisibleByHeads_ThrowsNamingWidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new JepaConfig { Width = 100, Heads = 3 }.Validate());
        Assert.Equal("width", e.ParamName);
    }
}
