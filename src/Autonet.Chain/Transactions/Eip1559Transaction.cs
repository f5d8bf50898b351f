using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rlp;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// An EIP-1559 fee-market transaction, EIP-2718 type 0x02: 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
/// maxFeePerGas, gasLimit, to, value, data, accessList, yParity, r, s]). The access list is always empty: we have no
/// use for EIP-2930 warm slots yet.
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
    /// <exception cref="FormatException">Not a well-formed signed type-2 transaction.</exception>
    public static (Eip1559Transaction Transaction, Address Sender) Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 1 || raw[0] != TypeByte)
        {
            throw new FormatException($"EIP-1559 transaction must start with type byte 0x02, got {(raw.Length > 0 ? $"0x{raw[0]:x2}" : "nothing")}");
        }
        var items = RlpDecoder.Decode(raw[1..]).Items;
        if (items.Count != 12 || !items[8].IsList)
        {
            throw new FormatException($"EIP-1559 transaction must be a list of 12 fields with an access list at 8, got {items.Count} fields");
        }
        var toBytes = items[5].Bytes;
        var transaction = new Eip1559Transaction(
            items[0].AsInteger(), items[1].AsInteger(), items[2].AsInteger(), items[3].AsInteger(), items[4].AsInteger(),
            toBytes.Length == 0 ? null : new Address(toBytes), items[6].AsInteger(), items[7].Bytes);
        var signature = new EcdsaSignature(items[10].AsInteger(), items[11].AsInteger(), (byte)items[9].AsInteger());
        var sender = Secp256k1.RecoverAddress(transaction.SigningHash().ToArray(), signature)
            ?? throw new FormatException("EIP-1559 transaction signature does not recover to a public key");
        return (transaction, sender);
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
        RlpEncoder.EncodeList(),
    ];
}
