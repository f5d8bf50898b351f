using System.Text.Json;
using Autonet.Inference.Encoders;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;
using SkiaSharp;

namespace Autonet.Inference.Tests;

/// <summary>A served VL-JEPA over real HTTP: texts and images in one embedding space, K-vectors with an optional image.</summary>
public sealed class MultimodalServingTests
{
    private const string Caption = "vim: Vi IMproved text editor"; // 28 bytes of the 32 a tiny model reads

    [Fact]
    public async Task Embeddings_TextAndImage_AreTheRetrievalEmbeddingsOfThePair()
    {
        var served = TestModels.Multimodal();
        await using var f = await ServerFixture.StartAsync([served]);
        var picture = InferenceServerTests.Picture(SKEncodedImageFormat.Png);

        var (status, body) = await f.PostAsync("v1/embeddings", new { model = "vl", input = new[] { Caption, "data:image/png;base64," + Convert.ToBase64String(picture) }, encoding_format = "float" });

        Assert.Equal(200, status);
        var (text, image) = (Vector(body, 0), Vector(body, 1));
        // The oracle: the model's own retrieval embeddings of the real pair (image beside its caption), computed here.
        var config = served.Model.Config;
        Assert.True(ImageReader.TryRead(picture, config, out var pixels, out _));
        var window = PairBatchSource.Windows([Caption], config)[0];
        var input = JepaInput.FromPairs(new Tensor(pixels, 0, 1, 1, config.ImageSize, config.ImageSize), window.Ids, [true], [true], [window.Length]);
        var (imageQuery, textKey, _, _) = served.Model.CrossModalEmbeddings(input, new ActivationArena());
        Assert.Equal(config.Width, text.Length);
        AssertClose(textKey.ToArray(), text);
        AssertClose(imageQuery.ToArray(), image); // the image's vector does not depend on the text it was run beside
        Assert.Equal(ByteTokenizer(Caption) + config.ImageTokens, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData(5, "data:image/png;base64,aGVsbG8gd29ybGQ=", "input[1]", "invalid_image")]
    [InlineData(33, "ok", "input[0]", "input_too_long")]
    [InlineData(5, "data:image/png;base64,%%%", "input[1]", "invalid_image")]
    public async Task Embeddings_BadInput_RefusedNamingIt(int textBytes, string second, string param, string code)
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Multimodal()]);

        var (status, body) = await f.PostAsync("v1/embeddings", new { model = "vl", input = new[] { new string('a', textBytes), second } });

        Assert.Equal(400, status);
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task KVectors_WithAndWithoutImage_DeterministicAndTheImageCounts()
    {
        var served = TestModels.Multimodal();
        await using var f = await ServerFixture.StartAsync([served, TestModels.Text()]);
        var messages = new[] { new { role = "user", content = "what is vim?" } };
        var png = Convert.ToBase64String(InferenceServerTests.Picture(SKEncodedImageFormat.Png));
        using var dark = new SKBitmap(28, 28);
        dark.Erase(new SKColor(10, 10, 10));
        var other = Convert.ToBase64String(SKImage.FromBitmap(dark).Encode(SKEncodedImageFormat.Png, 100).ToArray());

        var plain = await KVectorsAsync(f, new { model = "vl", messages, encoding_format = "float" });
        var withImage = await KVectorsAsync(f, new { model = "vl", messages, image = png, encoding_format = "float" });
        var again = await KVectorsAsync(f, new { model = "vl", messages, image = "data:image/png;base64," + png, encoding_format = "float" });
        var otherImage = await KVectorsAsync(f, new { model = "vl", messages, image = other, encoding_format = "float" });

        var shape = served.KVectors;
        Assert.Equal(shape.K * shape.D, plain.Length);
        Assert.True(shape.K < served.Model.Config.MaxTokens, "K-vectors follow the text, inside its window");
        Assert.Equal(withImage, again); // same context, same image (bare base64 or a data URL): same floats
        Assert.NotEqual(plain, withImage);
        Assert.NotEqual(withImage, otherImage);
        Assert.Equal(new KVectorEncoder(served.Model).Encode(ConversationText.ContextIds([new ChatMessage("user", "what is vim?")]), new ActivationArena()), plain);
    }

    [Theory]
    [InlineData("text", "aGVsbG8=", "image", "model_not_multimodal")]
    [InlineData("vl", "aGVsbG8gd29ybGQ=", "image", "invalid_image")]
    [InlineData("vl", "%%%", "image", "invalid_image")]
    public async Task KVectors_BadImage_RefusedNamingTheField(string model, string image, string param, string code)
    {
        await using var f = await ServerFixture.StartAsync([TestModels.Multimodal(), TestModels.Text()]);

        var (status, body) = await f.PostAsync("v1/kvectors", new { model, messages = new[] { new { role = "user", content = "hi" } }, image });

        Assert.Equal(400, status);
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<float[]> KVectorsAsync(ServerFixture f, object request)
    {
        var (status, body) = await f.PostAsync("v1/kvectors", request);
        Assert.True(status == 200, body.ToString());
        return [.. body.GetProperty("data").EnumerateArray().Select(x => x.GetSingle())];
    }

    private static float[] Vector(JsonElement body, int index) =>
        [.. body.GetProperty("data")[index].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle())];

    private static int ByteTokenizer(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
