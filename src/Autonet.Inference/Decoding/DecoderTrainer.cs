// Trains a FilmDecoder on turns: each step draws B (turn, position) pairs with a seeded generator, predicts the
// token at the position from the window before it and the turn's plan, and takes one AdamW step (warmup + cosine,
// global-norm clip 1), as Training's JEPA loop does. With ZeroPlan every plan is replaced by zeros: the
// ablation decoder that never sees the K-vectors, trained on the same draws. PlanDropout zeroes a share of them.
using Autonet.Core.Randomness;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;
using Autonet.Tensors.Optim;

namespace Autonet.Inference.Decoding;

/// <summary>Options of one decoder training run.</summary>
public sealed record DecoderTrainingOptions
{
    public int Steps { get; init; } = 2000;

    public int BatchSize { get; init; } = 128;

    public float LearningRate { get; init; } = 2e-3f;

    public int Seed { get; init; } = 1;

    /// <summary>Train with every plan zeroed (the ablation).</summary>
    public bool ZeroPlan { get; init; }

    /// <summary>
    /// Share of positions, in [0, 1), whose plan is zeroed in training (K-vector dropout), so the same decoder also
    /// learns to write without a plan. Drawn from its own generator, so the (turn, position) draws stay the ablation's.
    /// </summary>
    public double PlanDropout { get; init; }
}

/// <summary>The decoder's training loop.</summary>
public sealed class DecoderTrainer
{
    private readonly FilmDecoder _decoder;
    private readonly IReadOnlyList<Turn> _turns;
    private readonly DecoderTrainingOptions _options;
    private readonly AdamW _optimizer;
    private readonly LrSchedule _schedule;
    private readonly SeededRandom _random;
    private readonly SeededRandom _dropout; // its own stream: dropout never moves the draws
    private readonly ActivationArena _arena = new();
    private readonly long[] _cumulative; // positions before each turn, to draw positions uniformly

    public DecoderTrainer(FilmDecoder decoder, IReadOnlyList<Turn> turns, DecoderTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (!(options.PlanDropout >= 0 && options.PlanDropout < 1))
        {
            Errors.Argument(nameof(options), $"plan dropout {options.PlanDropout} must be in [0, 1): the share of positions trained with the plan zeroed");
        }
        if (turns.Count == 0 || turns.Any(t => t.Plan.Length != decoder.Config.PlanFloats || t.Reply.Length < 2))
        {
            Errors.Argument(nameof(turns), $"need at least one turn, each with a plan of {decoder.Config.PlanFloats} floats and a reply of 2+ tokens");
        }
        (_decoder, _turns, _options) = (decoder, turns, options);
        _optimizer = new AdamW(decoder.Parameters, weightDecay: 0.01f);
        _schedule = new LrSchedule(options.LearningRate, Math.Max(1, options.Steps / 20), options.Steps, options.LearningRate / 10);
        _random = new SeededRandom((ulong)options.Seed);
        _dropout = new SeededRandom(((ulong)options.Seed << 32) ^ 0x6b76_6472); // "kvdr"
        _cumulative = new long[turns.Count + 1];
        for (var i = 0; i < turns.Count; i++)
        {
            _cumulative[i + 1] = _cumulative[i] + turns[i].Reply.Length - 1;
        }
    }

    public int Step { get; private set; }

    public bool Done => Step >= _options.Steps;

    /// <summary>One step; returns the batch's mean cross-entropy in nats.</summary>
    public float TrainStep()
    {
        var (b, n, p) = (_options.BatchSize, _decoder.Config.Window, _decoder.Config.PlanFloats);
        _arena.Reset();
        var window = new int[b * n];
        var targets = new int[b];
        var positions = new int[b];
        var plan = _arena.TakeZeroed(b, p); // (B, P)
        for (var r = 0; r < b; r++)
        {
            var (turn, position) = Draw();
            Windows.Fill(turn.Reply, position, window.AsSpan(r * n, n));
            targets[r] = turn.Reply[position];
            positions[r] = position;
            var dropped = _options.PlanDropout > 0 && _dropout.NextDouble() < _options.PlanDropout;
            if (!_options.ZeroPlan && !dropped)
            {
                turn.Plan.CopyTo(plan.Span.Slice(r * p, p));
            }
        }
        _decoder.Parameters.ZeroGrads();
        var logits = _decoder.Forward(window, positions, plan, _arena);
        var dLogits = _arena.Take(logits.Shape);
        var loss = Loss.CrossEntropy(logits, targets, dLogits);
        _decoder.Backward(dLogits, _arena);
        GradClip.ClipByGlobalNorm(_decoder.Parameters, 1f);
        _optimizer.Update(_schedule.At(Step));
        Step++;
        return loss;
    }

    // A position uniform over all predicted tokens: index into the cumulative counts, then inside the turn.
    private (Turn Turn, int Position) Draw()
    {
        var total = _cumulative[^1];
        var at = (long)(_random.NextDouble() * total);
        var index = Array.BinarySearch(_cumulative, at);
        var turn = index >= 0 ? index : ~index - 1;
        while (turn < _turns.Count - 1 && _cumulative[turn + 1] <= at)
        {
            turn++;
        }
        return (_turns[turn], (int)(at - _cumulative[turn]) + 1);
    }
}
