namespace Autonet.Chain.Abi;

/// <summary>
/// Strict Solidity ABI decoding of untrusted bytes (return data, logs, revert data): every offset and length is
/// bounds-checked, integers must fit their width, bools must be 0 or 1, addresses and bytesN must have zero padding.
/// Memory is bounded by the input (see <see cref="AbiReader"/>: at most about 16 bytes allocated per byte given,
/// plus a constant). Produces the shapes described in <see cref="AbiValue"/>.
/// </summary>
public static class AbiDecoder
{
    /// <summary>Decodes <paramref name="data"/> as the tuple of <paramref name="parameters"/>.</summary>
    /// <exception cref="FormatException">The data does not match the types; the message names the parameter and offset.</exception>
    public static object[] Decode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data)
    {
        if (!TryDecode(parameters, data, out var values, out var problem))
        {
            throw new FormatException(problem);
        }
        return values;
    }

    /// <summary>Decodes without throwing; <paramref name="problem"/> names the parameter, the offset and the rule.</summary>
    public static bool TryDecode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data, out object[] values, out string problem)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var reader = new AbiReader(data);
        if (reader.TryTuple(parameters, 0, out values, out var failed))
        {
            problem = "";
            return true;
        }
        var name = parameters[failed].Name.Length > 0 ? parameters[failed].Name : $"_{failed}";
        problem = Message(name + reader.Path, reader.At, reader.Rule);
        values = [];
        return false;
    }

    /// <summary>Decodes one value of a static type from a 32-byte-aligned slot (e.g. an indexed event topic).</summary>
    /// <exception cref="FormatException">The slot does not hold a valid value of the type.</exception>
    public static object DecodeValue(AbiType type, ReadOnlySpan<byte> data, string name = "value")
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = new AbiReader(data);
        return reader.TryValue(type, 0, out var value) ? value : throw new FormatException(Message(name + reader.Path, reader.At, reader.Rule));
    }

    private static string Message(string name, int offset, string rule) => $"ABI data for '{name}' at byte {offset} is invalid: {rule}";
}
