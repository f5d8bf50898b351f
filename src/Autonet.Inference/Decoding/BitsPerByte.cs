// Bits per byte of held-out replies: -log2 p of every token after BOS (the bytes and, when not cut, EOS: the cost of
// writing the reply down and ending it) summed over all turns, divided by the reply bytes. Every position is scored
// (no sampling), in turn order, batch by batch; with zeroPlan the same decoder reads zeros instead of the K-vectors.
// Split by reply position: the head (tokens 1..split, the bytes a plan of K vectors has slots for) and the tail.
using Autonet.Data.Text;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Decoding;

/// <summary>Bits per byte over the whole reply, its first <c>split</c> tokens and the rest.</summary>
public readonly record struct ReplyBits(double All, double Head, double Tail);

/// <summary>Scores a decoder on turns.</summary>
public static class BitsPerByte
{
    public static double Measure(FilmDecoder decoder, IReadOnlyList<Turn> turns, bool zeroPlan, int batch = 512) =>
        MeasureSplit(decoder, turns, zeroPlan, split: 1, batch).All;

    /// <summary>Bits per byte, also of tokens at reply positions 1..split (head) and after (tail; NaN when none).</summary>
    public static ReplyBits MeasureSplit(FilmDecoder decoder, IReadOnlyList<Turn> turns, bool zeroPlan, int split, int batch = 512)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(split);
        var (n, p) = (decoder.Config.Window, decoder.Config.PlanFloats);
        var arena = new ActivationArena();
        var positions = turns.SelectMany(t => Enumerable.Range(1, t.Reply.Length - 1).Select(i => (t, i))).ToList();
        var bytes = turns.Sum(t => t.Reply.Count(id => id >= ByteTokenizer.SpecialCount));
        if (bytes == 0)
        {
            Errors.Argument(nameof(turns), "the turns hold no reply bytes to score");
        }
        double headNats = 0, tailNats = 0;
        long headBytes = 0;
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
            var v = logits.Last;
            for (var r = 0; r < b; r++)
            {
                var row = logits.Span.Slice(r * v, v);
                var max = System.Numerics.Tensors.TensorPrimitives.Max(row);
                double sum = 0;
                foreach (var x in row)
                {
                    sum += Math.Exp(x - max);
                }
                var nats = max + Math.Log(sum) - row[targets[r]]; // -log softmax(row)[target]
                if (at[r] <= split)
                {
                    headNats += nats;
                    headBytes += targets[r] >= ByteTokenizer.SpecialCount ? 1 : 0;
                }
                else
                {
                    tailNats += nats;
                }
            }
        }
        var tailBytes = bytes - headBytes;
        return new ReplyBits(
            (headNats + tailNats) / Math.Log(2) / bytes,
            headBytes > 0 ? headNats / Math.Log(2) / headBytes : double.NaN,
            tailBytes > 0 ? tailNats / Math.Log(2) / tailBytes : double.NaN);
    }
}
