using System.Net;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>Upload quota usage kept in <see cref="BlobGatewayOptions.QuotaFile"/>: a restarted gateway still counts it.</summary>
public sealed class UploadQuotaFileTests : GatewayTestBase
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Add_AfterRestart_UsageBeforeRestartStillCounts()
    {
        var options = new BlobGatewayOptions { TrustLoopback = false, UploadTokens = [Token], UploadQuotaBytes = 100, QuotaFile = Path.Combine(Folder, "quota.json") };
        var first = await StartAsync(options);
        await new HttpBlobStore(Client, first.Address, uploadToken: Token).PutAsync(new byte[60], CancellationToken.None);
        await first.StopAsync(CancellationToken.None);

        var second = await StartAsync(options);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpBlobStore(Client, second.Address, uploadToken: Token).PutAsync(new byte[60], CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("has uploaded 60 bytes of its UploadQuotaBytes quota of 100 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("resets", error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"127.0.0.1":60}""", await File.ReadAllTextAsync(options.QuotaFile));
    }

    [Theory]
    [InlineData("[1]", "is not a JSON object of client address to bytes")]
    [InlineData("""{"not-an-address":5}""", "'not-an-address': 5 is not a client address")]
    [InlineData("""{"10.0.0.1":-5}""", "'10.0.0.1': -5 is not a client address with a byte count >= 0")]
    public async Task Start_MalformedQuotaFile_ThrowsNamingFileAndEntry(string json, string inMessage)
    {
        var path = Path.Combine(Folder, "bad.json");
        await File.WriteAllTextAsync(path, json);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StartAsync(new BlobGatewayOptions { QuotaFile = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(inMessage, error.Message, StringComparison.Ordinal);
    }
}
