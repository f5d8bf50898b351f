using System.Diagnostics.CodeAnalysis;

namespace Autonet.Core;

/// <summary>Throw helpers for Autonet.Core: the messages live here so hot paths stay small.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Format(string what, string value, string rule) =>
        throw new FormatException($"{what} '{Shorten(value)}' is invalid: {rule}");

    [DoesNotReturn]
    public static T Format<T>(string what, string value, string rule) =>
        throw new FormatException($"{what} '{Shorten(value)}' is invalid: {rule}");

    [DoesNotReturn]
    public static void Length(string paramName, int actual, int expected) =>
        throw new ArgumentException($"expected {expected} bytes, got {actual}", paramName);

    private static string Shorten(string value) => value.Length <= 120 ? value : value[..117] + "...";
}
