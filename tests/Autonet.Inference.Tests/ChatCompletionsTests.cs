using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Autonet.Inference.Chat;
using Autonet.Inference.Serving;

namespace Autonet.Inference.Tests;

public class ChatCompletionsTests
{
    private static readonly object[] Hello = [new { role = "user", content = "What is the Debian package vim for?" }];

    [Fact]
    public async Task Chat_ProviderUp_SlowThenFastPath()
    {
        await using var provider = await ServerFixture.StartAsync([TestModels.Text("net")]);
        using var http = new HttpClient();
        await using var node = await ServerFixture.StartAsync([], _ => Chat(new ProviderClient(http, provider.Server.Address, "net"), null));
        var (status, first) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = Hello, max_tokens = 12, temperature = 0 });
        Assert.Equal(200, status);
        Assert.Equal("slow", first.GetProperty("autonet").GetProperty("path").GetString());
        Assert.Equal("chat.completion", first.GetProperty("object").GetString());
        Assert.Equal("assistant", first.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
        var usage = first.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        var (_, again) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = Hello, max_tokens = 12, temperature = 0 });
        Assert.Equal("fast", again.GetProperty("autonet").GetProperty("path").GetString());
        Assert.Equal(Content(first), Content(again)); // same plan, greedy decoding: the same reply
    }

    [Fact]
    public async Task Chat_ProviderDown_LocalEncoderThenCachedPlanThen503()
    {
        var provider = await ServerFixture.StartAsync([TestModels.Text("net")]);
        var address = provider.Server.Address;
        using var http = new HttpClient();
        var local = TestModels.Text("own");
        await using (var withLocal = await ServerFixture.StartAsync([local], c => Chat(new ProviderClient(http, address, "net"), c.Find("own"))))
        {
            await provider.DisposeAsync(); // the provider goes away
            var (_, reply) = await withLocal.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = Hello, max_tokens = 4 });
            Assert.Equal("local_encoder", reply.GetProperty("autonet").GetProperty("path").GetString());
        }
        var provider2 = await ServerFixture.StartAsync([TestModels.Text("net")]);
        await using var node = await ServerFixture.StartAsync([], _ => Chat(new ProviderClient(http, provider2.Server.Address, "net"), null));
        var (_, slow) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = Hello, max_tokens = 4 });
        Assert.Equal("slow", slow.GetProperty("autonet").GetProperty("path").GetString());
        await provider2.DisposeAsync();
        object[] followUp = [Hello[0], new { role = "assistant", content = "A text editor." }, new { role = "user", content = "And what is emacs then, compared with it?" }];
        var (status, stale) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = followUp, max_tokens = 4 });
        Assert.Equal(200, status);
        Assert.Equal("cached_plan", stale.GetProperty("autonet").GetProperty("path").GetString());
        var (down, error) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = new[] { new { role = "user", content = "a new conversation" } } });
        Assert.Equal(503, down);
        Assert.Contains("no provider answered", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Stream_IsServerSentEventsEndingInDone()
    {
        var local = TestModels.Text("own");
        await using var node = await ServerFixture.StartAsync([local], c => Chat(null, c.Find("own")));
        var (_, whole) = await node.PostAsync("v1/chat/completions", new { model = "autonet-chat", messages = Hello, max_tokens = 16, temperature = 0 });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "autonet-chat", messages = Hello, max_tokens = 16, temperature = 0, stream = true }),
        };
        using var response = await node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("fast", response.Headers.GetValues("X-Autonet-Path").Single());
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = new StringBuilder();
        foreach (var c in chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0))
        {
            if (c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var piece))
            {
                text.Append(piece.GetString());
            }
        }
        Assert.Equal(Content(whole), text.ToString());
        var usage = chunks[^1].GetProperty("usage");
        Assert.Equal(whole.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
    }

    [Theory]
    [InlineData("{\"model\":\"autonet-chat\",\"messages\":[]}", 400, "messages")]
    [InlineData("{\"model\":\"autonet-chat\",\"messages\":[{\"role\":\"user\"}]}", 400, "messages[0].content")]
    [InlineData("{\"model\":\"autonet-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", 400, "max_tokens")]
    [InlineData("{\"model\":\"autonet-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}", 400, "temperature")]
    [InlineData("{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model")]
    public async Task Chat_BadRequest_NamesTheField(string json, int status, string param)
    {
        await using var node = await ServerFixture.StartAsync([TestModels.Text("own")], c => Chat(null, c.Find("own")));
        using var response = await node.Http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(param, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Chat_NoDecoder_Is404NamingTheFlag()
    {
        await using var node = await ServerFixture.StartAsync([TestModels.Text()]);
        var (status, body) = await node.PostAsync("v1/chat/completions", new { model = "x", messages = Hello });
        Assert.Equal(404, status);
        Assert.Contains("--decoder", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static ChatService Chat(ProviderClient? provider, ServedModel? local)
    {
        var plan = local ?? TestModels.Text();
        return new ChatService(TestModels.Decoder(plan), plan.Cid!.Value.ToString(), provider, local, new ChatOptions { RefreshBytes = 8 });
    }

    private static string Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
}
