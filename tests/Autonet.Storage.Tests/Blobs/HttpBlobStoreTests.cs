using System.Net;
using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>The contract run through the real stack: HttpBlobStore -> Kestrel BlobGateway -> DiskBlobStore.</summary>
public sealed class HttpBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly HttpClient _client = new();
    private BlobGateway? _gateway;

    protected override async Task<IBlobStore> CreateStoreAsync()
    {
        var disk = new DiskBlobStore(_directory.Path, Limit);
        _gateway = await BlobGateway.StartAsync(disk, new BlobGatewayOptions { MaxUploadBytes = Limit }, CancellationToken.None);
        return new HttpBlobStore(_client, _gateway.Address);
    }

    public override async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    public void Dispose()
    {
        _client.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Start_DefaultOptions_BindsLoopback()
    {
        Assert.Equal("127.0.0.1", _gateway!.Address.Host);
        Assert.NotEqual(0, _gateway.Address.Port);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("bafkreiNOTBASE32")]
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")]
    public async Task Get_InvalidId_Answers400NamingTheId(string id)
    {
        using var response = await _client.GetAsync(new Uri(_gateway!.Address, "ipfs/" + id));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid content id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRead_ServerSendsOtherBytes_ThrowsContentMismatch()
    {
        // A peer that answers every request with the same wrong bytes.
        using var liar = new HttpClient(new FixedAnswerHandler("not the bytes you asked for"u8.ToArray()));
        var store = new HttpBlobStore(liar, new Uri("http://peer.invalid/"));
        var wanted = ContentId.Of("the real bytes"u8);
        var error = await Assert.ThrowsAsync<ContentMismatchException>(() => store.GetAsync(wanted, CancellationToken.None));
        Assert.Equal(wanted.ToString(), error.Expected);
    }

    [Fact]
    public async Task Put_ServerReportsOtherId_ThrowsContentMismatch()
    {
        using var liar = new HttpClient(new FixedAnswerHandler("{\"Hash\":\"bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy\"}"u8.ToArray()));
        var store = new HttpBlobStore(liar, new Uri("http://peer.invalid/"));
        await Assert.ThrowsAsync<ContentMismatchException>(() => store.PutAsync("mine"u8.ToArray(), CancellationToken.None));
    }

    /// <summary>Answers 200 with fixed bytes, consuming any request body first.</summary>
    private sealed class FixedAnswerHandler(byte[] answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(answer) };
        }
    }
}
