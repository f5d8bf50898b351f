// Bits per byte of held-out replies: -log2 p of every token after BOS (the bytes and, when not cut, EOS: the cost of
// writing the reply down and ending it) summed over all turns, divided by the reply bytes. Every position is scored
// (no sampling), in turn order, batch by batch; with zeroPlan the same decoder reads zeros instead of the K-vectors.
using Autonet.Data.Text;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Inference.Decoding;

/// <summary>Scores a decoder on turns.</summary>
public static class BitsPerByte
{
    public static double Measure(FilmDecoder decoder, IReadOnlyList<Turn> turns, bool zeroPlan, int batch = 512)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(turns);
        var (n, p) = (decoder.Config.Window, decoder.Config.PlanFloats);
        var arena = new ActivationArena();
        var positions = turns.SelectMany(t => Enumerable.Range(1, t.Reply.Length - 1).Select(i => (t, i))).ToList();
        var bytes = turns.Sum(t => t.Reply.Count(id => id >= ByteTokenizer.SpecialCount));
        if (bytes == 0)
        {
            Errors.Argument(nameof(turns), "the turns hold no reply bytes to score");
        }
        double nats = 0;
        for (var start = 0; start < positions.Count; start += batch)
        {
            var b = Math.Min(batch, positions.Count - start);
            arena.Reset();
            var window = new int[b * n];
            var targets = new int[b];
            var at = new int[b];
            var plan = arena.TakeZeroed(b, p);
            for (var r = 0; r < b; r++)
            {
                var (turn, position) = positions[start + r];
                Windows.Fill(turn.Reply, position, window.AsSpan(r * n, n));
                targets[r] = turn.Reply[position];
                at[r] = position;
                if (!zeroPlan)
                {
                    turn.Plan.CopyTo(plan.Span.Slice(r * p, p));
                }
            }
            var logits = decoder.Forward(window, at, plan, arena);
            nats += Loss.CrossEntropy(logits, targets, null) * (double)b; // the mean over this batch, back to a sum
        }
        return nats / Math.Log(2) / bytes;
    }
}
