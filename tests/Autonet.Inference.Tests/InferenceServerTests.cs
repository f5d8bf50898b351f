using System.Net;
using System.Text.Json;
using Autonet.Inference.Encoders;
using SkiaSharp;

namespace Autonet.Inference.Tests;

public class InferenceServerTests
{
    [Fact]
    public async Task Models_TwoServed_ListsBothWithKVectorShape()
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Text(), TestModels.Image()]);
        var body = JsonDocument.Parse(await f.Http.GetStringAsync("v1/models")).RootElement;
        Assert.Equal("list", body.GetProperty("object").GetString());
        var text = body.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "text");
        Assert.Equal("model", text.GetProperty("object").GetString());
        Assert.Equal(16, text.GetProperty("autonet").GetProperty("k").GetInt32());
        Assert.Equal(32, text.GetProperty("autonet").GetProperty("d").GetInt32());
        Assert.Contains(body.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "image");
        using var missing = await f.Http.GetAsync("v1/models/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Embeddings_FloatAndBase64_CarryTheSameVectorAsTheLibrary()
    {
        var model = TestModels.Text();
        var expected = Embedder.Embed(model, ["hello world"], new Autonet.Tensors.Memory.ActivationArena()).Vectors[0];
        await using var f = await ServerFixture.StartAsync([model]);
        var (status, asFloat) = await f.PostAsync("v1/embeddings", new { model = "text", input = new[] { "hello world", "a longer second input" } });
        Assert.Equal(200, status);
        var first = asFloat.GetProperty("data")[0];
        Assert.Equal(expected, first.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray());
        Assert.Equal(1, asFloat.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.Equal(13 + 23, asFloat.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var (_, asBase64) = await f.PostAsync("v1/embeddings", new { model = "text", input = "hello world", encoding_format = "base64" });
        Assert.True(FloatCodec.TryFromBase64(asBase64.GetProperty("data")[0].GetProperty("embedding").GetString()!, out var decoded, out _));
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public async Task Embeddings_PngAndJpeg_EmbedAnImage()
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Image()]);
        var png = Convert.ToBase64String(Picture(SKEncodedImageFormat.Png));
        var jpeg = "data:image/jpeg;base64," + Convert.ToBase64String(Picture(SKEncodedImageFormat.Jpeg));
        var (status, body) = await f.PostAsync("v1/embeddings", new { model = "image", input = new[] { png, jpeg } });
        Assert.Equal(200, status);
        Assert.Equal(32, body.GetProperty("data")[1].GetProperty("embedding").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"model\":\"nope\",\"input\":\"x\"}", 404, "model", "model_not_found")]
    [InlineData("{\"input\":\"x\"}", 400, "model", "missing_required_parameter")]
    [InlineData("{\"model\":\"text\",\"input\":[\"ok\",5]}", 400, "input[1]", "invalid_type")]
    [InlineData("{\"model\":\"text\",\"input\":\"x\",\"encoding_format\":\"int8\"}", 400, "encoding_format", "invalid_value")]
    [InlineData("{\"model\":\"text\",\"input\":[]}", 400, "input", "invalid_input_count")]
    [InlineData("{\"model\":\"image\",\"input\":[\"aGVsbG8gd29ybGQ=\"]}", 400, "input[0]", "invalid_image")]
    [InlineData("{\"model\":\"image\",\"input\":[\"not base64!\"]}", 400, "input[0]", "invalid_image")]
    [InlineData("[1,2]", 400, null, "invalid_json")]
    [InlineData("{\"model\":", 400, null, "invalid_json")]
    public async Task Embeddings_BadRequest_ErrorObjectNamesTheField(string json, int status, string? param, string code)
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Text(), TestModels.Image()]);
        using var response = await f.Http.PostAsync("v1/embeddings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").ValueKind == JsonValueKind.Null ? null : error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Embeddings_InputLongerThanTheWindow_IsRefusedWithTheLimit()
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Text()]);
        var (status, body) = await f.PostAsync("v1/embeddings", new { model = "text", input = new[] { "short", new string('x', 31) } });
        Assert.Equal(400, status);
        var error = body.GetProperty("error");
        Assert.Equal("input[1]", error.GetProperty("param").GetString());
        Assert.Equal("input_too_long", error.GetProperty("code").GetString());
        Assert.Contains("at most 30", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KVectors_Conversation_ReturnsKTimesDFloats()
    {
        var model = TestModels.Text();
        await using var f = await ServerFixture.StartAsync([model]);
        var messages = new[] { new { role = "user", content = "What is vim?" } };
        var (status, body) = await f.PostAsync("v1/kvectors", new { model = "text", messages });
        Assert.Equal(200, status);
        Assert.Equal(16 * 32 * 4, body.GetProperty("bytes").GetInt32());
        Assert.True(FloatCodec.TryFromBase64(body.GetProperty("data").GetString()!, out var plan, out _));
        var expected = new KVectorEncoder(model.Model).Encode(ConversationText.ContextIds([new ChatMessage("user", "What is vim?")]), new Autonet.Tensors.Memory.ActivationArena());
        Assert.Equal(expected, plan);
        var (badStatus, bad) = await f.PostAsync("v1/kvectors", new { model = "text", messages = new[] { new { role = "robot", content = "x" } } });
        Assert.Equal(400, badStatus);
        Assert.Equal("messages[0].role", bad.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task KVectors_ImageModel_IsRefused()
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Image()]);
        var (status, body) = await f.PostAsync("v1/kvectors", new { model = "image", messages = new[] { new { role = "user", content = "x" } } });
        Assert.Equal(400, status);
        Assert.Equal("model_not_text", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownPath_Is404ErrorObject()
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Text()]);
        using var response = await f.Http.GetAsync("v1/completions");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    internal static byte[] Picture(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(40, 30);
        for (var y = 0; y < 30; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 6), (byte)(y * 8), 90));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
