// The two payment headers are "key=value" pairs separated by ';' (as Cookie or Forwarded: RFC 7239 §4), keys lower case:
//   Autonet-Voucher: client=0x…; cumulative=1000; signature=0x…(65 bytes)
//   Autonet-Receipt: provider=0x…; client=0x…; project=1; round=2; request=0x…; response=0x…; signature=0x…
// Parsing names the missing or malformed key; unknown keys are refused (a typo would otherwise pass unseen).
using System.Globalization;
using System.Numerics;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Inference.Market;

/// <summary>Reads and writes the key=value pairs of Autonet-Voucher and Autonet-Receipt.</summary>
internal sealed class HeaderFields
{
    private readonly Dictionary<string, string> _values;

    private HeaderFields(Dictionary<string, string> values) => _values = values;

    public static string Write(params (string Key, string Value)[] fields) => string.Join("; ", fields.Select(f => $"{f.Key}={f.Value}"));

    /// <summary>Splits <paramref name="text"/>; false with the reason when a pair is malformed, a key repeats or is not one of <paramref name="keys"/>.</summary>
    public static bool TryParse(string? text, IReadOnlyCollection<string> keys, out HeaderFields fields, out string problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        fields = new HeaderFields(values);
        problem = "";
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problem = $"'{Clip(part)}' is not key=value";
                return false;
            }
            var key = part[..eq];
            if (!keys.Contains(key) || !values.TryAdd(key, part[(eq + 1)..]))
            {
                problem = $"key '{Clip(key)}' is {(keys.Contains(key) ? "repeated" : "unknown")}; expected {string.Join(", ", keys)}";
                return false;
            }
        }
        var missing = keys.FirstOrDefault(k => !values.ContainsKey(k));
        problem = missing is null ? "" : $"'{missing}' is missing";
        return missing is null;
    }

    public bool TryAddress(string key, out Address address, out string problem)
    {
        var ok = Address.TryParse(_values[key], out address);
        problem = ok ? "" : $"{key}='{Clip(_values[key])}' is not a 0x address";
        return ok;
    }

    public bool TryHash(string key, out Hash32 hash, out string problem)
    {
        var ok = Hash32.TryParse(_values[key], out hash);
        problem = ok ? "" : $"{key}='{Clip(_values[key])}' is not 32 bytes of 0x hex";
        return ok;
    }

    public bool TryAmount(string key, out BigInteger amount, out string problem)
    {
        var ok = BigInteger.TryParse(_values[key], NumberStyles.None, CultureInfo.InvariantCulture, out amount);
        problem = ok ? "" : $"{key}='{Clip(_values[key])}' is not a non-negative decimal integer";
        return ok;
    }

    public bool TrySignature(string key, out byte[] signature, out string problem)
    {
        var ok = Hex.TryDecode(_values[key], out signature, out _) && signature.Length == 65;
        problem = ok ? "" : $"{key} is not 65 bytes of 0x hex (r ‖ s ‖ v)";
        return ok;
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
