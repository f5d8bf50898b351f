// A ring of the last Capacity target keys of one InfoNCE direction (MoCo, He et al. 2020, §3.2: a queue of earlier
// batches' momentum-encoder keys as extra negatives), each with the id of the sample it came from, so the contrast can
// leave out a queued key of the query's own sample. It is training state, not a weight: a checkpoint carries it (the
// "queue.*" tensors) so a resumed run is bit-identical, and a model file or a delta never does.
// Legend: Q capacity, C width.
namespace Autonet.Models.Jepa;

/// <summary>First in, first out store of (key, sample id) rows.</summary>
public sealed class KeyQueue
{
    private readonly float[] _keys; // (Q, C)
    private readonly int[] _ids; // (Q)
    private int _next;

    /// <exception cref="ArgumentOutOfRangeException">capacity or width is not positive.</exception>
    public KeyQueue(int capacity, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        (_keys, _ids, Capacity, Width) = (new float[capacity * width], new int[capacity], capacity, width);
    }

    public int Capacity { get; }

    public int Width { get; }

    /// <summary>Rows held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>The held keys (Count, C), in ring order (the order does not change the loss beyond rounding).</summary>
    public ReadOnlySpan<float> Keys => _keys.AsSpan(0, Count * Width);

    /// <summary>The held keys' sample ids (Count); a negative id stands for "unknown" and matches nothing.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    /// <summary>Appends rows (N, C), overwriting the oldest once full.</summary>
    /// <exception cref="ArgumentException">rows is not ids.Length x Width.</exception>
    public void Push(ReadOnlySpan<float> rows, ReadOnlySpan<int> ids)
    {
        if (rows.Length != ids.Length * Width)
        {
            Errors.Argument(nameof(rows), $"{rows.Length} values for {ids.Length} ids of width {Width}");
        }
        for (var i = 0; i < ids.Length; i++)
        {
            rows.Slice(i * Width, Width).CopyTo(_keys.AsSpan(_next * Width, Width));
            _ids[_next] = ids[i];
            _next = (_next + 1) % Capacity;
            Count = Math.Min(Count + 1, Capacity);
        }
    }

    /// <summary>The whole state as floats: [count, next, ids (Q), keys (Q * C)] (ids and counts are exact below 2^24).</summary>
    public float[] Save()
    {
        var state = new float[2 + Capacity + _keys.Length];
        (state[0], state[1]) = (Count, _next);
        for (var i = 0; i < Capacity; i++)
        {
            state[2 + i] = _ids[i];
        }
        _keys.CopyTo(state.AsSpan(2 + Capacity));
        return state;
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    /// <exception cref="ArgumentException">The state has the wrong length or an impossible count.</exception>
    public void Load(ReadOnlySpan<float> state)
    {
        if (state.Length != 2 + Capacity + _keys.Length || state[0] < 0 || state[0] > Capacity || state[1] < 0 || state[1] >= Capacity)
        {
            Errors.Argument(nameof(state), $"a queue of {Capacity} x {Width} needs {2 + Capacity + _keys.Length} values with 0 <= count <= {Capacity} and 0 <= next < {Capacity}, got {state.Length}");
        }
        (Count, _next) = ((int)state[0], (int)state[1]);
        for (var i = 0; i < Capacity; i++)
        {
            _ids[i] = (int)state[2 + i];
        }
        state[(2 + Capacity)..].CopyTo(_keys);
    }
}
