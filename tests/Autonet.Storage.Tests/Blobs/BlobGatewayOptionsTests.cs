using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>Gateway options from a tokens file and the environment, as `autonet gateway` reads them.</summary>
public class BlobGatewayOptionsTests
{
    [Fact]
    public void ParseTokens_FileWithCommentsAndSeparators_ReadsEachToken() =>
        Assert.Equal(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"],
            BlobGatewayOptions.ParseTokens("# tokens of the lab's nodes\naaaaaaaaaaaaaaaa\r\n\nbbbbbbbbbbbbbbbb, cccccccccccccccc\n  # old\n"));

    [Fact]
    public void FromEnvironment_AllSet_OverridesTheDefaults()
    {
        var environment = new Dictionary<string, string>
        {
            ["AUTONET_UPLOAD_TOKENS"] = "aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb",
            ["AUTONET_UPLOAD_QUOTA_BYTES"] = "0",
            ["AUTONET_TRUST_LOOPBACK"] = "false",
        };

        var options = BlobGatewayOptions.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"], options.UploadTokens);
        Assert.Equal(0, options.UploadQuotaBytes);
        Assert.False(options.TrustLoopback);
    }

    [Fact]
    public void FromEnvironment_NoneSet_IsTheDefaults() =>
        Assert.Equal(new BlobGatewayOptions() with { UploadTokens = [] }, BlobGatewayOptions.FromEnvironment(_ => "") with { UploadTokens = [] });

    [Theory]
    [InlineData("AUTONET_UPLOAD_QUOTA_BYTES", "-5", "AUTONET_UPLOAD_QUOTA_BYTES='-5' is not a number of bytes")]
    [InlineData("AUTONET_UPLOAD_QUOTA_BYTES", "1GiB", "AUTONET_UPLOAD_QUOTA_BYTES='1GiB' is not a number of bytes")]
    [InlineData("AUTONET_TRUST_LOOPBACK", "yes", "AUTONET_TRUST_LOOPBACK='yes' is not true or false")]
    public void FromEnvironment_BadValue_ThrowsNamingVariableAndValue(string variable, string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => BlobGatewayOptions.FromEnvironment(name => name == variable ? value : null));
        Assert.Equal(message + (variable.EndsWith("BYTES", StringComparison.Ordinal) ? " (0 = unlimited)" : ""), error.Message);
    }
}
