using System.Net.Http.Json;
using Autonet.Inference.Api;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Inference.Tests.Examples;

/// <summary>The example of src/Autonet.Inference/README.md, as written there.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Readme_Example_EmbedsOverHttp()
    {
        var ct = CancellationToken.None;
        var served = ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Text))), "text", "example");
        using var catalog = new ModelCatalog([served]);
        await using var server = await InferenceServer.StartAsync(catalog, null, new InferenceServerOptions { Port = 0 }, ct);
        using var http = new HttpClient { BaseAddress = server.Address };
        var reply = await http.PostAsJsonAsync("v1/embeddings", new { model = "text", input = "hello" }, ct);
        Assert.True(reply.IsSuccessStatusCode);
        reply.Dispose();
    }
}
