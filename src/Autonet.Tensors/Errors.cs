using System.Diagnostics.CodeAnalysis;

namespace Autonet.Tensors;

/// <summary>Throw helpers for Autonet.Tensors: messages name the value and the rule, hot paths stay small.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Shape(string op, string detail) => throw new ArgumentException($"{op}: {detail}");

    [DoesNotReturn]
    public static void Shapes(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b, string rule) =>
        throw new ArgumentException($"{op}: {Format(a)} x {Format(b)}: {rule}");

    [DoesNotReturn]
    public static void Buffer(string op, string name, int actual, long required) =>
        throw new ArgumentException($"{op}: buffer '{name}' holds {actual} floats, needs at least {required}");

    [DoesNotReturn]
    public static void Safetensors(string rule) =>
        throw new InvalidDataException($"safetensors: {rule} (hint: write the file with Safetensors.Write or torch's safetensors.torch.save_file)");

    [DoesNotReturn]
    public static T Safetensors<T>(string rule) =>
        throw new InvalidDataException($"safetensors: {rule} (hint: write the file with Safetensors.Write or torch's safetensors.torch.save_file)");

    [DoesNotReturn]
    public static void Parameter(string name, string rule) => throw new ArgumentException($"parameter '{name}': {rule}");

    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";
}
