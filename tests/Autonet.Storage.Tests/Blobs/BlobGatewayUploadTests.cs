using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary><c>POST /api/v0/add</c> over real HTTP on loopback: raw and multipart forms, 415, bearer tokens, quota.</summary>
public sealed class BlobGatewayUploadTests : GatewayTestBase
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    [Fact]
    public async Task Add_CurlStyleMultipart_StoresFileBytesNotEnvelope()
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        var bytes = "hello from curl -F\n"u8.ToArray();
        using var form = FilePart(bytes, "x.txt");
        using var response = await Client.PostAsync(new Uri(gateway.Address, "api/v0/add"), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("x.txt", answer.RootElement.GetProperty("Name").GetString());
        Assert.Equal(ContentId.Of(bytes).ToString(), answer.RootElement.GetProperty("Hash").GetString());
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.RootElement.GetProperty("Size").GetString());
        Assert.Equal(bytes, await new HttpBlobStore(Client, gateway.Address).GetAsync(ContentId.Of(bytes), CancellationToken.None));
    }

    [Fact]
    public async Task Add_RawBody_AnswersNameHashAndSize()
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        using var body = new ByteArrayContent("raw"u8.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Client.PostAsync(new Uri(gateway.Address, "api/v0/add"), body);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = ContentId.Of("raw"u8).ToString();
        Assert.Equal(id, answer.RootElement.GetProperty("Hash").GetString());
        Assert.Equal(id, answer.RootElement.GetProperty("Name").GetString());
        Assert.Equal("3", answer.RootElement.GetProperty("Size").GetString());
    }

    [Fact]
    public async Task Add_MultipartWithoutFilePart_Answers400()
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        using var form = new MultipartFormDataContent { { new StringContent("value"), "field" } };
        using var response = await Client.PostAsync(new Uri(gateway.Address, "api/v0/add"), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no file part", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Add_OtherContentType_Answers415NamingIt(string contentType)
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        using var body = new ByteArrayContent("x"u8.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Client.PostAsync(new Uri(gateway.Address, "api/v0/add"), body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(contentType, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-wrong-token-wrong")]
    public async Task Add_UntrustedWithoutValidToken_Answers401(string? authorization)
    {
        var gateway = await StartAsync(new BlobGatewayOptions { TrustLoopback = false, UploadTokens = [Token] });
        using var request = RawAdd(gateway, "blob"u8.ToArray(), authorization);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("UploadTokens", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await new HttpBlobStore(Client, gateway.Address).ContainsAsync(ContentId.Of("blob"u8), CancellationToken.None));
    }

    [Fact]
    public async Task Add_UntrustedWithToken_Stores()
    {
        var gateway = await StartAsync(new BlobGatewayOptions { TrustLoopback = false, UploadTokens = ["another-token-of-enough-length", Token] });
        using var request = RawAdd(gateway, "blob"u8.ToArray(), "Bearer " + Token);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Add_OverQuota_Answers429NamingQuotaAndUsage()
    {
        var gateway = await StartAsync(new BlobGatewayOptions { TrustLoopback = false, UploadTokens = [Token], UploadQuotaBytes = 100 });
        using (var first = RawAdd(gateway, new byte[60], "Bearer " + Token))
        using (var accepted = await Client.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var second = RawAdd(gateway, new byte[60], "Bearer " + Token);
        using var refused = await Client.SendAsync(second);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var message = await refused.Content.ReadAsStringAsync();
        Assert.Contains("60 bytes of its UploadQuotaBytes quota of 100 bytes", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ChunkedOverQuota_Answers429AndStoresNothing()
    {
        var gateway = await StartAsync(new BlobGatewayOptions { TrustLoopback = false, UploadTokens = [Token], UploadQuotaBytes = 100 });
        var bytes = new byte[500];
        using var request = RawAdd(gateway, bytes, "Bearer " + Token);
        request.Content = new StreamContent(new MemoryStream(bytes)); // no Content-Length: the quota is met while reading
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.False(await new HttpBlobStore(Client, gateway.Address).ContainsAsync(ContentId.Of(bytes), CancellationToken.None));
    }

    [Fact]
    public async Task Add_TrustedLoopback_IgnoresQuota()
    {
        var gateway = await StartAsync(new BlobGatewayOptions { UploadQuotaBytes = 10 });
        var id = await new HttpBlobStore(Client, gateway.Address).PutAsync(new byte[1000], CancellationToken.None);
        Assert.Equal(ContentId.Of(new byte[1000]), id);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has whitespace in the middle!")]
    public async Task Start_BadToken_ThrowsWithoutPrintingIt(string token)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(new BlobGatewayOptions { UploadTokens = [token] }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("UploadTokens[0]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent FilePart(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } }; // what curl -F file=@x.txt sends
    }

    private static HttpRequestMessage RawAdd(BlobGateway gateway, byte[] bytes, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "api/v0/add")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }
}
