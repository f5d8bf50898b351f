using System.Diagnostics.CodeAnalysis;

namespace Autonet.Data;

/// <summary>Throw helpers for Autonet.Data: every message names the value, the rule and what to do next.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Idx(string path, string problem, string hint = "") => throw IdxError(path, problem, hint);

    public static InvalidDataException IdxError(string path, string problem, string hint = "", Exception? inner = null) =>
        new($"IDX file '{path}': {problem}" + (hint.Length > 0 ? $" ({hint})" : ""), inner);

    [DoesNotReturn]
    public static void MissingFile(string path, string hint) =>
        throw new FileNotFoundException($"'{path}' does not exist; {hint}", path);

    [DoesNotReturn]
    public static void Option(string name, object? value, string rule) =>
        throw new ArgumentException($"option '{name}' = '{value}' is invalid: {rule}", name);

    [DoesNotReturn]
    public static void Pattern(string pattern, string rule) =>
        throw new ArgumentException($"exclusion pattern '{pattern}' is invalid: {rule}", nameof(pattern));
}
