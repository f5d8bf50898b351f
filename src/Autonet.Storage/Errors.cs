using System.Diagnostics.CodeAnalysis;
using Autonet.Core;
using Autonet.Storage.Blobs;
using Autonet.Storage.Erasure;

namespace Autonet.Storage;

/// <summary>Throw helpers for Autonet.Storage: every message names the value and the rule it broke.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void ShardCount(string paramName, int dataShards, int parityShards) =>
        throw new ArgumentOutOfRangeException(paramName,
            $"Reed-Solomon needs 1 <= data shards, 0 <= parity shards and data + parity <= 256 (GF(2^8) has 256 evaluation points); got {dataShards} + {parityShards}");

    [DoesNotReturn]
    public static void WrongShardArray(string paramName, int actual, int expected) =>
        throw new ArgumentException($"expected {expected} shard slots (data + parity), got {actual}", paramName);

    [DoesNotReturn]
    public static void MissingShard(string paramName, int index) =>
        throw new ArgumentException($"shard {index} is null; every shard must be present here (use Reconstruct for missing shards)", paramName);

    [DoesNotReturn]
    public static void ShardSize(string paramName, int index, int actual, int expected) =>
        throw new ArgumentException($"shard {index} has {actual} bytes but shard 0 has {expected}; all shards must be the same size", paramName);

    [DoesNotReturn]
    public static void TooFewShards(int present, int needed, string missing) =>
        throw new InsufficientShardsException(
            $"only {present} of the {needed} shards needed are present (missing: {missing}); fetch more shards before reconstructing");

    [DoesNotReturn]
    public static void Singular() =>
        throw new InvalidOperationException("GF(2^8) matrix is singular; a Cauchy-derived submatrix never is, so this is a bug");

    [DoesNotReturn]
    public static void KernelUnsupported(string kernel) =>
        throw new PlatformNotSupportedException($"the {kernel} Galois kernel needs CPU instructions this machine lacks; use GaloisKernels.Best");

    [DoesNotReturn]
    public static void Mismatch(string expected, string actual) => throw new ContentMismatchException(expected, actual);

    [DoesNotReturn]
    public static void TooLarge(string what, long size, long limit) =>
        throw new BlobTooLargeException($"{what} is {size} bytes or more, over the limit of {limit} bytes");

    [DoesNotReturn]
    public static void Format(string what, string rule) => throw new FormatException($"{what} is invalid: {rule}");

    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);
}
