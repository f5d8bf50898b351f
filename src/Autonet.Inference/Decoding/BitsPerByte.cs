// Bits per byte of held-out replies: -log2 p of every token after BOS (the bytes and, when not cut, EOS: the cost of
// writing the reply down and ending it) summed over all turns, divided by the reply bytes. Every position is scored
// (no sampling), in turn order, one turn per forward (its positions share its plan); with zeroPlan the same decoder
// reads zeros instead of the K-vectors.
using Autonet.Data.Text;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Inference.Decoding;

/// <summary>Scores a decoder on turns.</summary>
public static class BitsPerByte
{
    public static double Measure(FilmDecoder decoder, IReadOnlyList<Turn> turns, bool zeroPlan)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(turns);
        var (n, p) = (decoder.Config.Window, decoder.Config.PlanFloats);
        var arena = new ActivationArena();
        var bytes = turns.Sum(t => t.Reply.Count(id => id >= ByteTokenizer.SpecialCount));
        if (bytes == 0)
        {
            Errors.Argument(nameof(turns), "the turns hold no reply bytes to score");
        }
        double nats = 0;
        foreach (var turn in turns)
        {
            var b = turn.Reply.Length - 1; // positions 1.. of the reply
            arena.Reset();
            var window = new int[b * n];
            var targets = new int[b];
            var plan = arena.TakeZeroed(1, p);
            for (var r = 0; r < b; r++)
            {
                Windows.Fill(turn.Reply, r + 1, window.AsSpan(r * n, n));
                targets[r] = turn.Reply[r + 1];
            }
            if (!zeroPlan)
            {
                turn.Plan.CopyTo(plan.Span);
            }
            var logits = decoder.Forward(window, plan, arena);
            nats += Loss.CrossEntropy(logits, targets, null) * (double)b; // the mean over this turn, back to a sum
        }
        return nats / Math.Log(2) / bytes;
    }
}
