using Autonet.Inference.Decoding;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Inference.Tests;

/// <summary>Tiny real models (random init) for tests: milliseconds per forward.</summary>
internal static class TestModels
{
    public static JepaConfig TextConfig => JepaConfig.Tiny(Modality.Text);

    public static ServedModel Text(string id = "text", int seed = 3) =>
        ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(TextConfig, seed)), id, "test");

    public static ServedModel Image(string id = "image") =>
        ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Image), 5)), id, "test");

    /// <summary>A tiny VL-JEPA: 28² frames in 49 patches of 4², 32 text tokens, width 32.</summary>
    public static ServedModel Multimodal(string id = "vl") =>
        ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Multimodal), 7)), id, "test");

    public static FilmDecoder Decoder(ServedModel plan, int seed = 1, int attentionHeads = 0, int alignedSlots = 0) =>
        new(new DecoderConfig { K = plan.KVectors.K, D = plan.KVectors.D, PlanContext = plan.Model.Config.MaxTokens - plan.KVectors.K, Window = 8, Embed = 8, Hidden = 32, Layers = 2, Condition = 16, AttentionHeads = attentionHeads, AlignedSlots = alignedSlots }, seed);
}
