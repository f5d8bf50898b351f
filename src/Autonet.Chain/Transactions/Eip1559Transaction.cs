using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rlp;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// An EIP-1559 fee-market transaction, EIP-2718 type 0x02: 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
/// maxFeePerGas, gasLimit, to, value, data, accessList, yParity, r, s]). The access list (EIP-2930) is empty unless
/// set; it is part of both the signing hash and the envelope. Decoding is strict: see <see cref="TryDecode"/>.
/// </summary>
public sealed record Eip1559Transaction(
    BigInteger ChainId,
    BigInteger Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    BigInteger GasLimit,
    Address? To,
    BigInteger Value,
    byte[] Data)
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>Addresses and storage keys to pre-warm (EIP-2930); empty by default.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <summary>keccak256(0x02 ‖ rlp([chainId, …, accessList])).</summary>
    public Hash32 SigningHash() => Keccak256.Hash([TypeByte], RlpEncoder.EncodeList(Fields()));

    /// <summary>Signs and returns the typed envelope.</summary>
    public SignedTransaction Sign(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(SigningHash());
        var body = RlpEncoder.EncodeList([.. Fields(), RlpEncoder.EncodeInteger(signature.RecoveryId), RlpEncoder.EncodeInteger(signature.R), RlpEncoder.EncodeInteger(signature.S)]);
        return new SignedTransaction([TypeByte, .. body]);
    }

    /// <summary>Recovers the sender of a signed type-2 envelope; the inverse of <see cref="Sign"/>.</summary>
    /// <exception cref="FormatException">Not a well-formed signed type-2 transaction; the message names the field and the rule.</exception>
    public static (Eip1559Transaction Transaction, Address Sender) Decode(ReadOnlySpan<byte> raw)
    {
        if (!TryDecode(raw, out var transaction, out var sender, out var problem))
        {
            throw new FormatException($"EIP-1559 transaction: {problem}");
        }
        return (transaction, sender);
    }

    /// <summary>
    /// Decodes untrusted bytes without throwing: canonical RLP, exactly 12 fields, integers minimal (nonce and gas at
    /// most 8 bytes, the rest at most 32), a 20-byte or empty <c>to</c>, a well-formed access list, yParity 0 or 1,
    /// low s (EIP-2), and a signature that recovers. <paramref name="problem"/> names the first rule broken.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out Eip1559Transaction? transaction, out Address sender, out string problem)
    {
        transaction = null;
        sender = Address.Zero;
        if (raw.Length < 1 || raw[0] != TypeByte)
        {
            problem = $"must start with type byte 0x02, got {(raw.Length > 0 ? $"0x{raw[0]:x2}" : "nothing")}";
            return false;
        }
        if (!RlpDecoder.TryDecode(raw[1..], out var body, out problem))
        {
            problem = $"RLP: {problem}";
            return false;
        }
        if (!body.IsList || body.Items.Count != 12)
        {
            problem = body.IsList ? $"must be a list of 12 fields, got {body.Items.Count}" : "body is a byte string, expected a list of 12 fields";
            return false;
        }
        var f = body.Items;
        if (!TransactionFields.TryInteger(f[0], "chainId", 32, out var chainId, out problem)
            || !TransactionFields.TryInteger(f[1], "nonce", 8, out var nonce, out problem)
            || !TransactionFields.TryInteger(f[2], "maxPriorityFeePerGas", 32, out var priority, out problem)
            || !TransactionFields.TryInteger(f[3], "maxFeePerGas", 32, out var maxFee, out problem)
            || !TransactionFields.TryInteger(f[4], "gasLimit", 8, out var gas, out problem)
            || !TransactionFields.TryRecipient(f[5], out var to, out problem)
            || !TransactionFields.TryInteger(f[6], "value", 32, out var value, out problem)
            || !TransactionFields.TryBytes(f[7], "data", out var data, out problem)
            || !TransactionFields.TryAccessList(f[8], out var accessList, out problem)
            || !TransactionFields.TryInteger(f[9], "yParity", 1, out var yParity, out problem)
            || !TransactionFields.TrySignatureValues(f[10], f[11], out var r, out var s, out problem))
        {
            return false;
        }
        if (yParity > 1)
        {
            problem = $"yParity = {yParity} must be 0 or 1";
            return false;
        }
        var decoded = new Eip1559Transaction(chainId, nonce, priority, maxFee, gas, to, value, data.ToArray()) { AccessList = accessList };
        if (!TransactionFields.TryRecover(decoded.SigningHash().ToArray(), new EcdsaSignature(r, s, (byte)yParity), out sender, out problem))
        {
            return false;
        }
        transaction = decoded;
        return true;
    }

    private List<byte[]> Fields() =>
    [
        RlpEncoder.EncodeInteger(ChainId),
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(MaxPriorityFeePerGas),
        RlpEncoder.EncodeInteger(MaxFeePerGas),
        RlpEncoder.EncodeInteger(GasLimit),
        RlpEncoder.EncodeBytes(To is { } to ? to.ToArray() : []),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data),
        AccessListEntry.EncodeList(AccessList),
    ];
}
