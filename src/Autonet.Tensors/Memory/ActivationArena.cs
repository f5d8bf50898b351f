namespace Autonet.Tensors.Memory;

/// <summary>
/// A bump allocator for activations and activation gradients. Forward and backward take tensors from it;
/// <see cref="Reset"/> at the start of a step makes the memory reusable. A training step allocates the same
/// sequence each time, so after the first step everything fits in one block and no step allocates memory.
/// Tensors from <see cref="Take"/> are not cleared; ops that accumulate use <see cref="TakeZeroed"/>.
/// </summary>
public sealed class ActivationArena
{
    private readonly List<float[]> _retired = [];
    private float[] _block;
    private int _used;
    private long _peak;
    private long _retiredUsed;

    public ActivationArena(int initialFloats = 1 << 16) => _block = new float[Math.Max(initialFloats, 16)];

    /// <summary>Floats taken since the last reset.</summary>
    public long Used => _used + _retiredUsed;

    /// <summary>Largest <see cref="Used"/> seen; the block size after the next reset.</summary>
    public long Peak => Math.Max(_peak, Used);

    public Tensor Take(params int[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }
        // Round up to 16 floats (64 bytes) so each tensor starts on its own cache line.
        var size = (int)((n + 15) & ~15L);
        if (_used + size > _block.Length)
        {
            _retired.Add(_block);
            _retiredUsed += _used;
            _block = new float[Math.Max(size, _block.Length * 2)];
            _used = 0;
        }
        var t = new Tensor(_block, _used, shape);
        _used += size;
        return t;
    }

    public Tensor TakeZeroed(params int[] shape)
    {
        var t = Take(shape);
        t.Span.Clear();
        return t;
    }

    /// <summary>Invalidates every tensor taken so far; grows the block to the peak so the next step fits.</summary>
    public void Reset()
    {
        _peak = Peak;
        if (_retired.Count > 0)
        {
            _retired.Clear();
            _block = new float[(int)Math.Min(Array.MaxLength, _peak + 1024)];
        }
        _used = 0;
        _retiredUsed = 0;
    }
}
