using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rlp;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>
/// A pre-EIP-2718 transaction with EIP-155 replay protection: the signing hash covers (…, chainId, 0, 0) and
/// v = chainId·2 + 35 + recovery id. Kept for the EIP-155 spec vector and old nodes; we send EIP-1559 by default.
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
