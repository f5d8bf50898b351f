using System.Collections;
using System.Globalization;
using System.Numerics;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Abi;

/// <summary>
/// The C# shapes of ABI values: integers as <see cref="BigInteger"/> (int, long, uint, ulong are accepted on input),
/// <see cref="Address"/>, bool, bytes and bytesN as byte[] (bytes32 also as <see cref="Hash32"/>), string,
/// arrays and tuples as object[] (any IList on input). Decoding always produces these shapes.
/// </summary>
public static class AbiValue
{
    /// <summary>Reads an integer argument in any of the accepted shapes.</summary>
    public static bool TryAsInteger(object value, out BigInteger number)
    {
        number = value switch
        {
            BigInteger b => b,
            int i => i,
            long l => l,
            uint u => u,
            ulong ul => ul,
            byte by => by,
            _ => BigInteger.MinusOne,
        };
        return value is BigInteger or int or long or uint or ulong or byte;
    }

    /// <summary>Reads an array or tuple argument as a list.</summary>
    public static bool TryAsList(object value, out IList list)
    {
        list = value as IList ?? Array.Empty<object>();
        return value is IList and not byte[];
    }

    /// <summary>Reads a bytes or bytesN argument.</summary>
    public static bool TryAsBytes(object value, out byte[] bytes)
    {
        bytes = value switch
        {
            byte[] b => b,
            Hash32 h => h.ToArray(),
            _ => [],
        };
        return value is byte[] or Hash32;
    }

    /// <summary>Formats a decoded value for messages: integers in decimal, bytes in hex, lists in brackets.</summary>
    public static string Format(object value) => value switch
    {
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Hex.Encode(bytes),
        string s => "\"" + s + "\"",
        bool flag => flag ? "true" : "false",
        IList list => "[" + string.Join(", ", list.Cast<object>().Select(Format)) + "]",
        _ => value.ToString() ?? "",
    };
}
