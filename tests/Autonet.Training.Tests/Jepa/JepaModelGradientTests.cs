using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

/// <summary>Backward through encoder + predictor + loss against central finite differences of the loss (float32, loose tolerance).</summary>
public class JepaModelGradientTests
{
    [Theory]
    [InlineData(Modality.Image)]
    [InlineData(Modality.Text)]
    public void ForwardBackward_SelectedWeights_MatchFiniteDifferences(Modality modality)
    {
        TinyRuns.SingleThread();
        var model = new JepaModel(modality == Modality.Image ? TinyRuns.Image : TinyRuns.Text, seed: 11);
        for (var i = 0; i < model.Target.Values.Length; i++)
        {
            model.Target.Values[i] = model.Encoder.Values[i] * 0.5f; // the target is detached; any fixed target works
        }
        BatchSource data = modality == Modality.Image ? TinyRuns.ImageData() : TinyRuns.TextData();
        var (input, masks) = data.Batch(0, 4, 1);
        var arena = new ActivationArena();
        model.Encoder.ZeroGrads();
        model.Predictor.ZeroGrads();
        model.ForwardBackward(input, masks, arena);
        foreach (var (weights, name) in new[] { (model.Encoder, "encoder.blocks.0.attn.qkv.weight"), (model.Encoder, "encoder.blocks.0.mlp.fc1.weight"), (model.Predictor, "predictor.mask_token"), (model.Predictor, "predictor.embed.weight") })
        {
            var p = weights[name];
            for (var k = 0; k < 3; k++)
            {
                var i = (k * 7919) % p.Length;
                var analytic = p.Grad[i];
                var saved = p.Value[i];
                const float h = 1e-2f;
                p.Value[i] = saved + h;
                var up = model.Evaluate(input, masks, arena);
                p.Value[i] = saved - h;
                var down = model.Evaluate(input, masks, arena);
                p.Value[i] = saved;
                var numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic) <= 2e-4 + (0.1 * Math.Abs(numeric)), $"{p.Name}[{i}]: analytic {analytic}, numeric {numeric}");
            }
        }
    }
}
