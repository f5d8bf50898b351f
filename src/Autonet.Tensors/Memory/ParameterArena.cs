using System.Numerics.Tensors;
using Autonet.Core.Randomness;

namespace Autonet.Tensors.Memory;

/// <summary>
/// All parameters of a model in one contiguous float[] (llm.c params_memory), with a gradient array of the
/// same layout. Modules register named views at construction; values are initialised at registration from
/// one seeded generator (Core's <see cref="SeededRandom"/>, the same stream on every platform and .NET version), so
/// the same registration order and seed give bit-identical parameters.
/// It is one buffer to checkpoint, hash, send, average and EMA-update.
/// </summary>
public sealed class ParameterArena
{
    private readonly List<Parameter> _parameters = [];
    private readonly Dictionary<string, Parameter> _byName = new(StringComparer.Ordinal);
    private float[] _values = new float[1024];
    private float[] _grads = [];

    // A negative seed is reinterpreted as its two's-complement bits: any int names one stream.
    public ParameterArena(int seed = 0) => Generator = new SeededRandom(unchecked((ulong)seed));

    /// <summary>
    /// The generator that initialised every parameter so far. A module that re-initialises a parameter draws from it,
    /// so its values continue this one stream instead of repeating draws that other parameters already used.
    /// </summary>
    public SeededRandom Generator { get; }

    /// <summary>Number of floats in use (the arena arrays may be longer while registering).</summary>
    public int Count { get; private set; }

    public float[] Values
    {
        get
        {
            if (_values.Length != Count)
            {
                Array.Resize(ref _values, Count);
            }
            return _values;
        }
    }

    public float[] Grads
    {
        get
        {
            if (_grads.Length != Count)
            {
                Array.Resize(ref _grads, Count);
            }
            return _grads;
        }
    }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public Parameter this[string name] => _byName.TryGetValue(name, out var p)
        ? p : throw new KeyNotFoundException($"no parameter named '{name}' (the arena has {_parameters.Count})");

    /// <exception cref="ArgumentException">The name is already registered or a dimension is not positive.</exception>
    public Parameter Add(string name, int[] shape, Init init, bool decay = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (_byName.ContainsKey(name))
        {
            Errors.Parameter(name, "already registered; names must be unique within one arena");
        }
        foreach (var d in shape)
        {
            if (d <= 0)
            {
                Errors.Parameter(name, $"shape {Errors.Format(shape)} has a dimension <= 0");
            }
        }
        var p = new Parameter(this, name, Count, (int[])shape.Clone(), decay);
        if (_values.Length < Count + p.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, Count + p.Length));
        }
        Count += p.Length;
        Fill(_values.AsSpan(p.Offset, p.Length), shape, init);
        _parameters.Add(p);
        _byName.Add(name, p);
        return p;
    }

    public void ZeroGrads() => Grads.AsSpan().Clear();

    /// <summary>Copies all values from an arena with the same layout (names, order and shapes).</summary>
    public void CopyFrom(ParameterArena other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameLayout(other);
        other.Values.AsSpan().CopyTo(Values);
    }

    /// <exception cref="ArgumentException">The other arena registered different names or shapes.</exception>
    public void RequireSameLayout(ParameterArena other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._parameters.Count != _parameters.Count || other.Count != Count)
        {
            Errors.Parameter("*", $"layouts differ: {_parameters.Count} parameters / {Count} floats vs {other._parameters.Count} / {other.Count}");
        }
        for (var i = 0; i < _parameters.Count; i++)
        {
            var (a, b) = (_parameters[i], other._parameters[i]);
            if (a.Name != b.Name || !a.Shape.AsSpan().SequenceEqual(b.Shape))
            {
                Errors.Parameter(a.Name, $"layouts differ at index {i}: {a.Name}{Errors.Format(a.Shape)} vs {b.Name}{Errors.Format(b.Shape)}");
            }
        }
    }

    private void Fill(Span<float> dst, int[] shape, Init init)
    {
        switch (init)
        {
            case Init.Zeros:
                dst.Clear();
                break;
            case Init.Ones:
                dst.Fill(1f);
                break;
            case Init.TruncNormal02:
                for (var i = 0; i < dst.Length; i++)
                {
                    double z;
                    do
                    {
                        // Box-Muller (inside SeededRandom); redraw outside +-2 std (timm's trunc_normal_ with a=-2std, b=2std).
                        z = Generator.NextGaussian();
                    }
                    while (Math.Abs(z) > 2);
                    dst[i] = (float)(0.02 * z);
                }
                break;
            default:
                var fanIn = shape[^1];
                var fanOut = shape.Length > 1 ? shape[^2] : shape[^1];
                var a = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (var i = 0; i < dst.Length; i++)
                {
                    dst[i] = (float)Generator.NextDouble(-a, a);
                }
                break;
        }
    }

    /// <summary>Global L2 norm of the gradients, accumulated in double.</summary>
    public double GradNorm() => Math.Sqrt(SumSquares(Grads));

    internal static double SumSquares(ReadOnlySpan<float> x)
    {
        double sum = 0;
        const int chunk = 4096;
        for (var i = 0; i < x.Length; i += chunk)
        {
            var s = x.Slice(i, Math.Min(chunk, x.Length - i));
            sum += TensorPrimitives.SumOfSquares(s);
        }
        return sum;
    }
}
