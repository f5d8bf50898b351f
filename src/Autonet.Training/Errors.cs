using System.Diagnostics.CodeAnalysis;

namespace Autonet.Training;

/// <summary>Throw helpers for Autonet.Training: messages name the value, the rule and what to do next.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Option(string name, object? value, string rule) =>
        throw new ArgumentException($"option '{name}' = '{value}' is invalid: {rule}", name);

    [DoesNotReturn]
    public static void Checkpoint(string path, string problem) =>
        throw new InvalidDataException($"checkpoint '{path}': {problem}");

    [DoesNotReturn]
    public static void Delta(string problem) =>
        throw new InvalidDataException($"weight delta: {problem}");
}
