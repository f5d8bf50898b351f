// Autoregressive generation from a plan: one decoder forward per token over the last Window tokens, then greedy
// (temperature 0) or softmax sampling at the temperature with a seeded generator, until EOS or the token limit.
// The decoder reads a fixed window, so each token costs the same whatever the reply's length.
using Autonet.Core.Randomness;
using Autonet.Data.Text;
using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Decoding;

/// <summary>Generates reply tokens from a FiLM decoder and a plan.</summary>
public sealed class Sampler(FilmDecoder decoder)
{
    private readonly ActivationArena _arena = new();

    /// <summary>Byte tokens of the reply (no BOS, no EOS); <paramref name="onToken"/> sees each as it is chosen.</summary>
    public List<int> Generate(float[] plan, int maxTokens, double temperature, ulong seed, Action<int>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        var (n, v) = (decoder.Config.Window, decoder.Config.Vocab);
        var random = new SeededRandom(seed);
        var reply = new List<int> { ByteTokenizer.Bos };
        var window = new int[n];
        var probs = new float[v];
        var produced = new List<int>();
        while (produced.Count < maxTokens)
        {
            _arena.Reset();
            Windows.Fill(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reply), reply.Count, window);
            var logits = decoder.Forward(window, [reply.Count], new Tensor(plan, 0, 1, plan.Length), _arena).Span;
            var next = Choose(logits, probs, temperature, random);
            if (next == ByteTokenizer.Eos)
            {
                break;
            }
            reply.Add(next);
            produced.Add(next);
            onToken?.Invoke(next);
        }
        return produced;
    }

    // Specials other than EOS never appear in a reply, so they are never chosen.
    private static int Choose(ReadOnlySpan<float> logits, float[] probs, double temperature, SeededRandom random)
    {
        var best = ByteTokenizer.Eos;
        for (var j = ByteTokenizer.SpecialCount; j < logits.Length; j++)
        {
            best = logits[j] > logits[best] ? j : best;
        }
        if (temperature <= 0)
        {
            return best;
        }
        for (var j = 0; j < logits.Length; j++)
        {
            var allowed = j == ByteTokenizer.Eos || j >= ByteTokenizer.SpecialCount;
            probs[j] = allowed ? (float)((logits[j] - logits[best]) / temperature) : float.NegativeInfinity;
        }
        System.Numerics.Tensors.TensorPrimitives.SoftMax(probs, probs);
        var u = random.NextDouble();
        double sum = 0;
        for (var j = 0; j < probs.Length; j++)
        {
            sum += probs[j];
            if (u < sum)
            {
                return j;
            }
        }
        return best;
    }
}
