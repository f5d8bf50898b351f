using System.Net;
using System.Net.Http.Headers;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>The gateway's HTTP contract, over real HTTP on loopback: caching headers, ranges, add forms, auth and quota.</summary>
public sealed class BlobGatewayTests : GatewayTestBase
{
    [Fact]
    public async Task Get_StoredBlob_IsImmutableWithCidETag()
    {
        var (gateway, id, _) = await StartWithBlobAsync(1000);
        using var response = await Client.GetAsync(new Uri(gateway.Address, "ipfs/" + id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{id}\"", response.Headers.ETag?.Tag);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=100-", 100, 999)]
    [InlineData("bytes=-25", 975, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    public async Task Get_SatisfiableRange_Answers206WithThoseBytes(string range, int first, int last)
    {
        var (gateway, id, bytes) = await StartWithBlobAsync(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "ipfs/" + id));
        request.Headers.Range = RangeHeaderValue.Parse(range);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{id}\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("bytes=1000-1001")]
    [InlineData("bytes=5000-")]
    [InlineData("bytes=-0")]
    public async Task Get_UnsatisfiableRange_Answers416NamingTheLength(string range)
    {
        var (gateway, id, _) = await StartWithBlobAsync(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "ipfs/" + id));
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Contains("1000 bytes long", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MultipleRanges_SendsWholeBlob()
    {
        var (gateway, id, bytes) = await StartWithBlobAsync(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "ipfs/" + id));
        request.Headers.Range = RangeHeaderValue.Parse("bytes=0-1,5-6");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_RangeOfMissingBlob_Answers404()
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "ipfs/" + ContentId.Of("absent"u8)));
        request.Headers.Range = RangeHeaderValue.Parse("bytes=0-1");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(BlobGateway Gateway, ContentId Id, byte[] Bytes)> StartWithBlobAsync(int size)
    {
        var gateway = await StartAsync(new BlobGatewayOptions());
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var id = await new HttpBlobStore(Client, gateway.Address).PutAsync(bytes, CancellationToken.None);
        return (gateway, id, bytes);
    }
}
