using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rlp;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// Strict readers for the fields of a decoded transaction list, shared by the legacy and the typed decoders. Each
/// returns false with a reason naming the field and the rule; none throws, whatever the item holds.
/// Integers follow the yellow paper's canonical form (big-endian, no leading zero, zero is the empty string).
/// </summary>
internal static class TransactionFields
{
    private static readonly BigInteger HalfOrder = Secp256k1.Order / 2;

    /// <summary>A canonical unsigned integer of at most <paramref name="maxBytes"/> bytes (8 for nonce and gas, EIP-2681).</summary>
    public static bool TryInteger(RlpItem item, string name, int maxBytes, out BigInteger value, out string problem)
    {
        value = BigInteger.Zero;
        if (!TryBytes(item, name, out var bytes, out problem))
        {
            return false;
        }
        if (bytes.Length > maxBytes)
        {
            problem = $"{name} has {bytes.Length} bytes, at most {maxBytes} allowed";
            return false;
        }
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            problem = $"{name} has a leading zero byte (integers are minimal big-endian)";
            return false;
        }
        value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return true;
    }

    public static bool TryBytes(RlpItem item, string name, out byte[] bytes, out string problem)
    {
        bytes = [];
        if (item.IsList)
        {
            problem = $"{name} is a list, expected a byte string";
            return false;
        }
        bytes = item.Bytes;
        problem = "";
        return true;
    }

    /// <summary>An empty string (contract creation) or exactly 20 bytes.</summary>
    public static bool TryRecipient(RlpItem item, out Address? to, out string problem)
    {
        to = null;
        if (!TryBytes(item, "to", out var bytes, out problem))
        {
            return false;
        }
        if (bytes.Length is not (0 or Address.Length))
        {
            problem = $"to has {bytes.Length} bytes, expected 20 (or 0 for contract creation)";
            return false;
        }
        to = bytes.Length == 0 ? null : new Address(bytes);
        return true;
    }

    /// <summary>rlp([[address, [key, …]], …]) with 20-byte addresses and 32-byte keys (EIP-2930).</summary>
    public static bool TryAccessList(RlpItem item, out IReadOnlyList<AccessListEntry> entries, out string problem)
    {
        entries = [];
        problem = "";
        if (!item.IsList)
        {
            problem = "accessList is a byte string, expected a list";
            return false;
        }
        var result = new List<AccessListEntry>(item.Items.Count);
        for (var i = 0; i < item.Items.Count; i++)
        {
            var entry = item.Items[i];
            if (!entry.IsList || entry.Items.Count != 2 || entry.Items[0].IsList || entry.Items[0].Bytes.Length != Address.Length || !entry.Items[1].IsList)
            {
                problem = $"accessList[{i}] must be [20-byte address, [32-byte key, …]]";
                return false;
            }
            var keys = new Hash32[entry.Items[1].Items.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                var key = entry.Items[1].Items[k];
                if (key.IsList || key.Bytes.Length != Hash32.Length)
                {
                    problem = $"accessList[{i}] storage key {k} must be a 32-byte string";
                    return false;
                }
                keys[k] = new Hash32(key.Bytes);
            }
            result.Add(new AccessListEntry(new Address(entry.Items[0].Bytes), keys));
        }
        entries = result;
        return true;
    }

    /// <summary>r and s in 1..n-1 with s in the low half (EIP-2), each at most 32 bytes.</summary>
    public static bool TrySignatureValues(RlpItem rItem, RlpItem sItem, out BigInteger r, out BigInteger s, out string problem)
    {
        s = BigInteger.Zero;
        if (!TryInteger(rItem, "r", 32, out r, out problem) || !TryInteger(sItem, "s", 32, out s, out problem))
        {
            return false;
        }
        if (r.IsZero || r >= Secp256k1.Order)
        {
            problem = $"r = {r} must be in 1..n-1";
            return false;
        }
        if (s.IsZero || s > HalfOrder)
        {
            problem = $"s = {s} must be in 1..n/2 (EIP-2 low s)";
            return false;
        }
        return true;
    }

    /// <summary>Recovers the signer of <paramref name="signingHash"/>.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> signingHash, EcdsaSignature signature, out Address sender, out string problem)
    {
        var recovered = Secp256k1.RecoverAddress(signingHash, signature);
        sender = recovered ?? Address.Zero;
        problem = recovered is null ? "signature does not recover to a public key" : "";
        return recovered is not null;
    }
}
