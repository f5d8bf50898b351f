using Autonet.Core.Codecs;

namespace Autonet.Chain.Abi;

/// <summary>
/// Turns revert data into a <see cref="RevertReason"/>: <c>Error(string)</c>, <c>Panic(uint256)</c>, or a custom error
/// from any of the registered ABIs (matched by 4-byte selector). Data no ABI knows becomes an "unknown" reason with
/// its raw bytes, never an exception: revert data is untrusted.
/// </summary>
public sealed class RevertDecoder
{
    private readonly Dictionary<string, AbiError> _bySelector = new(StringComparer.Ordinal);

    public RevertDecoder(IEnumerable<AbiError>? errors = null)
    {
        Add([AbiError.ErrorString, AbiError.Panic]);
        Add(errors ?? []);
    }

    /// <summary>Registers more errors (e.g. another contract's ABI); a selector seen twice keeps the first.</summary>
    public void Add(IEnumerable<AbiError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            _bySelector.TryAdd(Hex.Encode(error.Selector), error);
        }
    }

    /// <summary>Decodes revert data; never throws.</summary>
    public RevertReason Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length >= 4 && _bySelector.TryGetValue(Hex.Encode(data.AsSpan(0, 4)), out var error)
            && AbiDecoder.TryDecode(error.Inputs, data.AsSpan(4), out var values, out _))
        {
            return new RevertReason(error.Name, values, data);
        }
        return new RevertReason(RevertReason.UnknownName, [], data);
    }
}
