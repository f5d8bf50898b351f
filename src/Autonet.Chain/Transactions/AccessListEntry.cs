using Autonet.Chain.Rlp;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// One entry of an EIP-2930 access list: an address and the storage keys of it that the transaction pre-warms.
/// Encoded as rlp([address, [key, …]]); the list as a whole is rlp([entry, …]).
/// </summary>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash32> StorageKeys)
{
    /// <summary>rlp([address, [storageKey, …]]) (EIP-2930).</summary>
    public byte[] Encode()
    {
        ArgumentNullException.ThrowIfNull(StorageKeys);
        var keys = StorageKeys.Select(k => RlpEncoder.EncodeBytes(k.ToArray())).ToArray();
        return RlpEncoder.EncodeList(RlpEncoder.EncodeBytes(Address.ToArray()), RlpEncoder.EncodeList(keys));
    }

    /// <summary>rlp([entry, …]) for a whole access list; an empty list is 0xc0.</summary>
    public static byte[] EncodeList(IReadOnlyList<AccessListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return RlpEncoder.EncodeList(entries.Select(e => e.Encode()).ToArray());
    }
}
