namespace Autonet.Tensors.Memory;

/// <summary>
/// A named view into a <see cref="ParameterArena"/>: offset, shape and whether AdamW decays it.
/// The arena's arrays may be reallocated while modules register, so views resolve through the arena each time.
/// </summary>
public sealed class Parameter
{
    internal Parameter(ParameterArena arena, string name, int offset, int[] shape, bool decay)
    {
        Arena = arena;
        Name = name;
        Offset = offset;
        Shape = shape;
        Decay = decay;
        var n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }
        Length = n;
    }

    public ParameterArena Arena { get; }

    public string Name { get; }

    public int Offset { get; }

    public int[] Shape { get; }

    public int Length { get; }

    /// <summary>True for matrices (weight decay applies); false for biases, norms, embeddings of positions.</summary>
    public bool Decay { get; }

    public Span<float> Value => Arena.Values.AsSpan(Offset, Length);

    public Span<float> Grad => Arena.Grads.AsSpan(Offset, Length);

    public Tensor ValueTensor => new(Arena.Values, Offset, Shape);

    public Tensor GradTensor => new(Arena.Grads, Offset, Shape);
}
