namespace Autonet.Tensors;

/// <summary>
/// A dense row-major view: a float[] buffer, an offset into it and a shape. It owns no memory of its own;
/// buffers come from a <see cref="Memory.ActivationArena"/>, a <see cref="Memory.ParameterArena"/> or the caller.
/// Shapes are small int arrays; there are no strides (every view is contiguous).
/// </summary>
public sealed class Tensor
{
    public Tensor(float[] data, int offset, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            length *= d;
        }
        if (offset < 0 || offset + length > data.Length)
        {
            Errors.Buffer("Tensor", "data", data.Length - Math.Max(offset, 0), length);
        }
        Data = data;
        Offset = offset;
        Shape = shape;
        Length = (int)length;
    }

    /// <summary>A fresh zeroed tensor with its own buffer.</summary>
    public static Tensor Zeros(params int[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }
        return new Tensor(new float[n], 0, shape);
    }

    /// <summary>A tensor copying the given values.</summary>
    public static Tensor From(float[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor((float[])values.Clone(), 0, shape);
    }

    public float[] Data { get; }

    public int Offset { get; }

    public int[] Shape { get; }

    public int Length { get; }

    public int Rank => Shape.Length;

    public Span<float> Span => Data.AsSpan(Offset, Length);

    /// <summary>Size of the last dimension (the channel count for (B, T, C)).</summary>
    public int Last => Shape[^1];

    /// <summary>Number of rows when the tensor is seen as (Length / Last, Last).</summary>
    public int Rows => Last == 0 ? 0 : Length / Last;

    public int Dim(int axis) => Shape[axis < 0 ? Shape.Length + axis : axis];

    /// <summary>The same memory under another shape with the same element count.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var view = new Tensor(Data, Offset, shape);
        if (view.Length != Length)
        {
            Errors.Shapes("Reshape", Shape, shape, $"element counts {Length} != {view.Length}");
        }
        return view;
    }

    public float[] ToArray() => Span.ToArray();

    public override string ToString() => "Tensor" + Errors.Format(Shape);

    /// <summary>Throws unless this tensor has exactly the given shape.</summary>
    public void Expect(string op, params int[] shape)
    {
        if (!Shape.AsSpan().SequenceEqual(shape))
        {
            Errors.Shapes(op, Shape, shape, "shape differs from the expected one (actual x expected)");
        }
    }
}
