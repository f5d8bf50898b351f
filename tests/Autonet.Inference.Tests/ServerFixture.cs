using System.Net.Http.Json;
using System.Text.Json;
using Autonet.Inference.Api;
using Autonet.Inference.Chat;
using Autonet.Inference.Serving;

namespace Autonet.Inference.Tests;

/// <summary>A real Kestrel server on a free loopback port with tiny real models, and an HttpClient to it.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(InferenceServer server, ModelCatalog catalog, ChatService? chat)
    {
        (Server, Catalog, Chat) = (server, catalog, chat);
        Http = new HttpClient { BaseAddress = server.Address };
    }

    public InferenceServer Server { get; }

    public ModelCatalog Catalog { get; }

    public ChatService? Chat { get; }

    public HttpClient Http { get; }

    public static async Task<ServerFixture> StartAsync(IEnumerable<ServedModel> models, Func<ModelCatalog, ChatService?>? chat = null, Autonet.Inference.Market.PaymentGate? payments = null)
    {
        var catalog = new ModelCatalog(models);
        var service = chat?.Invoke(catalog);
        var server = await InferenceServer.StartAsync(catalog, service, new InferenceServerOptions { Port = 0, Payments = payments }, CancellationToken.None);
        return new ServerFixture(server, catalog, service);
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Chat?.Dispose();
        Catalog.Dispose();
    }
}
