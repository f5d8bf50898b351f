using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>A DisputeOpened event: the dispute id, the receipt, and the request bytes (keccak256 = its requestHash) to re-execute.</summary>
public sealed record OpenedDispute(BigInteger DisputeId, InferenceReceipt Receipt, byte[] Request);
