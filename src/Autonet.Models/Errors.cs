using System.Diagnostics.CodeAnalysis;

namespace Autonet.Models;

/// <summary>Throw helpers for Autonet.Models: messages name the value and the rule.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Option(string name, object? value, string rule) =>
        throw new ArgumentException($"option '{name}' = '{value}' is invalid: {rule}", name);

    [DoesNotReturn]
    public static void Argument(string paramName, string problem) =>
        throw new ArgumentException(problem, paramName);

    [DoesNotReturn]
    public static void Manifest(string problem) =>
        throw new InvalidDataException($"model manifest: {problem}; a checkpoint written by `autonet train` carries a valid one");

    public static string Shape(int[] shape) => "(" + string.Join(", ", shape) + ")";
}
