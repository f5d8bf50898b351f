using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>
/// An uploader on another host: the gateway listens on this machine's own non-loopback address and the client
/// connects to it, so the gateway sees a non-loopback client and needs a token, as from another machine. (On a
/// machine with no such address, loopback with <see cref="BlobGatewayOptions.TrustLoopback"/> off stands in.)
/// </summary>
public sealed class HttpBlobStoreTokenTests : GatewayTestBase
{
    private const string Token = "f00dfeedf00dfeedf00dfeedf00dfeed";

    [Fact]
    public async Task PutAsync_WithTokenFromAnotherHost_StoresAndReadsBack()
    {
        var gateway = await StartRemoteAsync();
        var store = new HttpBlobStore(Client, gateway.Address, uploadToken: Token);

        var id = await store.PutAsync("from another host"u8.ToArray(), CancellationToken.None);

        Assert.Equal(ContentId.Of("from another host"u8), id);
        Assert.Equal("from another host"u8.ToArray(), await new HttpBlobStore(Client, gateway.Address).GetAsync(id, CancellationToken.None)); // reads need no token
    }

    [Fact]
    public async Task PutAsync_NoTokenFromAnotherHost_Throws401NamingTheVariable()
    {
        var gateway = await StartRemoteAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpBlobStore(Client, gateway.Address).PutAsync(new byte[] { 1, 2, 3 }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("refused the upload (401)", error.Message, StringComparison.Ordinal);
        Assert.Contains("set AUTONET_UPLOAD_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_WrongToken_Throws401WithoutEchoingIt()
    {
        var gateway = await StartRemoteAsync();
        const string wrong = "0000000000000000000000000000beef";

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpBlobStore(Client, gateway.Address, uploadToken: wrong).PutAsync(new byte[] { 1 }, CancellationToken.None));

        Assert.Contains("the token sent is not one of its upload tokens", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_ShardProvidersWithToken_PlaceShardsOnAnotherHost()
    {
        var gateway = await StartRemoteAsync();
        var model = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var providers = ShardProvider.FromGateways(Client, [gateway.Address], Token);

        var published = await ModelPublisher.PublishAsync(model, dataShards: 2, parityShards: 1, providers, CancellationToken.None);
        var fetched = await ModelFetcher.FetchAsync(published.ManifestId, ShardProvider.FromGateways(Client, [gateway.Address]), published.Manifest.MerkleRoot, CancellationToken.None);

        Assert.Equal(model, fetched.Content);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it, long enough")]
    [InlineData("line\nbreak-injects-a-header-0123")]
    public void Constructor_BadToken_ThrowsNamingLengthNotText(string token)
    {
        var error = Assert.Throws<ArgumentException>(() => new HttpBlobStore(Client, new Uri("http://127.0.0.1:1/"), uploadToken: token));

        Assert.Equal("uploadToken", error.ParamName);
        Assert.Contains($"({token.Length} characters)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    private Task<BlobGateway> StartRemoteAsync() => OwnAddress() is { } address
        ? StartAsync(new BlobGatewayOptions { Host = address.ToString(), UploadTokens = [Token] })
        : StartAsync(new BlobGatewayOptions { TrustLoopback = false, UploadTokens = [Token] });

    // The first up IPv4 address that is not loopback (e.g. eth0's), or null.
    private static IPAddress? OwnAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(u => u.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
