using Autonet.Inference.Encoders;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Tests;

public class KVectorEncoderTests
{
    [Fact]
    public void Encode_Context_GivesKTimesDAndIsDeterministic()
    {
        var model = TestModels.Text();
        var encoder = new KVectorEncoder(model.Model);
        var ids = ConversationText.ContextIds([new ChatMessage("user", "What is the Debian package vim for?")]);
        var a = encoder.Encode(ids, new ActivationArena());
        var b = encoder.Encode(ids, new ActivationArena());
        Assert.Equal(encoder.Shape.K * encoder.Shape.D, a.Length);
        Assert.Equal(a, b);
        var other = encoder.Encode(ConversationText.ContextIds([new ChatMessage("user", "Tell me about emacs")]), new ActivationArena());
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Encode_LongContext_UsesOnlyTheLastWindow()
    {
        var encoder = new KVectorEncoder(TestModels.Text().Model);
        var tail = Enumerable.Range(0, encoder.ContextTokens).Select(i => 4 + (i % 200)).ToArray();
        var longer = new[] { 50, 60, 70 }.Concat(tail).ToArray();
        Assert.Equal(encoder.Encode(tail, new ActivationArena()), encoder.Encode(longer, new ActivationArena()));
    }

    [Fact]
    public void Encode_ContextOfATrainingReply_EqualsThePredictionTheNextTurnMaskTrains()
    {
        // Issue 16: --next-turn-fraction trains the predictor on exactly the query a provider serves. A conversation's
        // reply window (Data) masked by NextTurnMasker (Models) through TextBatchSource (Training) must give the
        // predictor the same context ids at the same positions and the same target positions as KVectorEncoder.
        var served = TestModels.Text();
        var encoder = new KVectorEncoder(served.Model);
        var (question, reply) = ("What is the Debian package vim for?", "vim: Vi IMproved - enhanced vi editor");
        var folder = Directory.CreateTempSubdirectory("autonet-next-turn-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(folder, "c.jsonl"), [Line("user", question), Line("assistant", reply)]);
            var source = new Data.Text.TextDataConfig { TrainOnAgentData = true, ConversationsDirectory = folder, MaxSeqLength = served.Model.Config.MaxTokens };
            var window = Assert.Single(new Data.Text.TextTrainingDataSource(source).ReadNextTurnWindows(encoder.Shape.K));
            var (input, masks) = new Training.Jepa.TextBatchSource([window.TokenIds], served.Model.Config, new Models.Masking.NextTurnMasker(encoder.Shape.K)).Batch(0, 1, 1);
            var arena = new ActivationArena();
            var context = served.Model.ContextEncoder.Forward(input, masks.Context, arena); // (1, T - K, D)
            var trained = served.Model.PredictorNet.Forward(context, masks.Context, masks.Targets, arena).ToArray(); // (1, K, D)

            Assert.Equal(trained, encoder.Encode(ConversationText.ContextIds([new ChatMessage("user", question)]), new ActivationArena()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Shape_DefaultRule_Width64Gives8KiBPerTurn()
    {
        var shape = KVectorShape.Of(new JepaConfig { Modality = Modality.Text, Width = 64, MaxTokens = 128 });
        Assert.Equal(new KVectorShape(32, 64), shape);
        Assert.Equal(8192, shape.Bytes);
        Assert.True(shape.InSeedRange);
        Assert.Equal(new KVectorShape(16, 128), KVectorShape.Of(new JepaConfig { Modality = Modality.Text }));
    }

    [Fact]
    public void Manifest_ExplicitKVectors_RoundTripsAndDefaultsAreNotWritten()
    {
        var config = new JepaConfig { Modality = Modality.Text, Width = 64, MaxTokens = 128, KVectors = new KVectorShape(64, 64) };
        var json = ModelManifest.For(config).ToJson();
        Assert.Contains("\"k_vectors\":{\"k\":64,\"d\":64}", json, StringComparison.Ordinal);
        Assert.Equal(new KVectorShape(64, 64), KVectorShape.Of(ModelManifest.Parse(json).Config));
        Assert.DoesNotContain("k_vectors", ModelManifest.For(config with { KVectors = null }).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_KVectorWidthNotEncoderWidth_IsRefused()
    {
        var config = new JepaConfig { Modality = Modality.Text, Width = 64, MaxTokens = 128, KVectors = new KVectorShape(8, 32) };
        var e = Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(ModelManifest.For(config).ToJson()));
        Assert.Contains("k_vectors.d", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ImageModel_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new KVectorEncoder(TestModels.Image().Model));
        Assert.Contains("text JEPA", e.Message, StringComparison.Ordinal);
    }

    private static string Line(string role, string content) => System.Text.Json.JsonSerializer.Serialize(new { role, content });
}
