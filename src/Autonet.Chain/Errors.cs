using System.Diagnostics.CodeAnalysis;

namespace Autonet.Chain;

/// <summary>Throw helpers for Autonet.Chain: every message names the value, the rule and, where useful, what to do.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Rlp(string problem) => throw new FormatException($"RLP: {problem}");

    [DoesNotReturn]
    public static T AbiType<T>(string text, string rule) => throw new FormatException($"ABI type '{text}' is invalid: {rule}");

    [DoesNotReturn]
    public static void AbiValue(string name, string value, string rule) =>
        throw new ArgumentException($"ABI argument '{name}' = {value} is invalid: {rule}", name);

    [DoesNotReturn]
    public static T AbiValue<T>(string name, object value, string rule) =>
        throw new ArgumentException($"ABI argument '{name}' = {Describe(value)} is invalid: {rule}", name);

    [DoesNotReturn]
    public static T AbiData<T>(string name, int offset, string rule) =>
        throw new FormatException($"ABI data for '{name}' at byte {offset} is invalid: {rule}");

    [DoesNotReturn]
    public static T AbiJson<T>(string rule) => throw new FormatException($"ABI JSON is invalid: {rule}");

    [DoesNotReturn]
    public static T Rpc<T>(string method, string problem) =>
        throw new ChainException($"JSON-RPC {method}: {problem}");

    [DoesNotReturn]
    public static T Chain<T>(string message) => throw new ChainException(message);

    private static string Describe(object value) => value switch
    {
        null => "null",
        _ => $"{Abi.AbiValue.Format(value)} ({value.GetType().Name})",
    };
}
