using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rlp;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// A pre-EIP-2718 transaction with EIP-155 replay protection: the signing hash covers (…, chainId, 0, 0) and
/// v = chainId·2 + 35 + recovery id. Kept for the EIP-155 spec vector and old nodes; we send EIP-1559 by default.
/// Pre-EIP-155 signatures (v = 27 or 28, no chain id) are refused by <see cref="TryDecode"/>: they replay on any chain.
/// </summary>
public sealed record LegacyTransaction(
    BigInteger Nonce,
    BigInteger GasPrice,
    BigInteger GasLimit,
    Address? To,
    BigInteger Value,
    byte[] Data,
    BigInteger ChainId)
{
    /// <summary>keccak256(rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0])) (EIP-155).</summary>
    public Hash32 SigningHash() => Keccak256.Hash(RlpEncoder.EncodeList([.. Fields(), RlpEncoder.EncodeInteger(ChainId), RlpEncoder.EncodeInteger(0), RlpEncoder.EncodeInteger(0)]));

    /// <summary>Signs and returns rlp([nonce, gasPrice, gas, to, value, data, v, r, s]).</summary>
    public SignedTransaction Sign(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(SigningHash());
        var v = (ChainId * 2) + 35 + signature.RecoveryId;
        return new SignedTransaction(RlpEncoder.EncodeList([.. Fields(), RlpEncoder.EncodeInteger(v), RlpEncoder.EncodeInteger(signature.R), RlpEncoder.EncodeInteger(signature.S)]));
    }

    /// <summary>Recovers the sender of a signed EIP-155 transaction; the inverse of <see cref="Sign"/>.</summary>
    /// <exception cref="FormatException">Not a well-formed signed EIP-155 transaction; the message names the field and the rule.</exception>
    public static (LegacyTransaction Transaction, Address Sender) Decode(ReadOnlySpan<byte> raw)
    {
        if (!TryDecode(raw, out var transaction, out var sender, out var problem))
        {
            throw new FormatException($"EIP-155 transaction: {problem}");
        }
        return (transaction, sender);
    }

    /// <summary>
    /// Decodes untrusted bytes without throwing: canonical RLP, exactly 9 fields, minimal integers (nonce and gas at
    /// most 8 bytes), a 20-byte or empty <c>to</c>, v = chainId·2 + 35 or 36 with chainId ≥ 1, low s (EIP-2), and a
    /// signature that recovers. <paramref name="problem"/> names the first rule broken.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out LegacyTransaction? transaction, out Address sender, out string problem)
    {
        transaction = null;
        sender = Address.Zero;
        if (!RlpDecoder.TryDecode(raw, out var body, out problem))
        {
            problem = $"RLP: {problem}";
            return false;
        }
        if (!body.IsList || body.Items.Count != 9)
        {
            problem = body.IsList ? $"must be a list of 9 fields, got {body.Items.Count}" : "body is a byte string, expected a list of 9 fields";
            return false;
        }
        var f = body.Items;
        if (!TransactionFields.TryInteger(f[0], "nonce", 8, out var nonce, out problem)
            || !TransactionFields.TryInteger(f[1], "gasPrice", 32, out var gasPrice, out problem)
            || !TransactionFields.TryInteger(f[2], "gasLimit", 8, out var gas, out problem)
            || !TransactionFields.TryRecipient(f[3], out var to, out problem)
            || !TransactionFields.TryInteger(f[4], "value", 32, out var value, out problem)
            || !TransactionFields.TryBytes(f[5], "data", out var data, out problem)
            || !TransactionFields.TryInteger(f[6], "v", 32, out var v, out problem)
            || !TransactionFields.TrySignatureValues(f[7], f[8], out var r, out var s, out problem))
        {
            return false;
        }
        if (v < 37)
        {
            problem = v == 27 || v == 28
                ? $"v = {v} is a pre-EIP-155 signature with no chain id (it replays on every chain); only EIP-155 is accepted"
                : $"v = {v} must be chainId·2 + 35 or + 36 with chainId >= 1 (EIP-155)";
            return false;
        }
        var chainId = (v - 35) / 2;
        var recoveryId = (byte)((v - 35) % 2);
        var decoded = new LegacyTransaction(nonce, gasPrice, gas, to, value, data.ToArray(), chainId);
        if (!TransactionFields.TryRecover(decoded.SigningHash().ToArray(), new EcdsaSignature(r, s, recoveryId), out sender, out problem))
        {
            return false;
        }
        transaction = decoded;
        return true;
    }

    private List<byte[]> Fields() =>
    [
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(GasPrice),
        RlpEncoder.EncodeInteger(GasLimit),
        RlpEncoder.EncodeBytes(To is { } to ? to.ToArray() : []),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data),
    ];
}
