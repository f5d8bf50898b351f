using System.Numerics;
using Autonet.Chain.Contracts;

namespace Autonet.Inference.Market;

/// <summary>A checked voucher waiting for its request to succeed.</summary>
public sealed record Payment(Voucher Voucher, byte[] Signature, BigInteger Price);
