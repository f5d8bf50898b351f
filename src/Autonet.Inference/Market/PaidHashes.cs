// What a receipt signs, byte for byte:
//   request  = keccak256("POST " + endpoint + "\n" + body bytes as sent), e.g. "POST /v1/kvectors\n{…}"
//   response = keccak256(the output vectors as little-endian float32, in order: the K x D plan row-major, or each
//              embedding by index), so the hash is of what was computed, not of how the JSON spelled the numbers.
using System.Buffers.Binary;
using System.Text;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Inference.Market;

/// <summary>The request and response hashes of a paid request.</summary>
public static class PaidHashes
{
    /// <summary>The bytes a dispute carries on chain: the endpoint line, then the body.</summary>
    public static byte[] RequestBytes(string endpoint, ReadOnlySpan<byte> body) => [.. Encoding.ASCII.GetBytes($"POST {endpoint}\n"), .. body];

    public static Hash32 Request(string endpoint, ReadOnlySpan<byte> body) => Keccak256.Hash(RequestBytes(endpoint, body));

    public static Hash32 Response(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var bytes = new byte[vectors.Sum(v => v.Length) * sizeof(float)];
        var at = 0;
        foreach (var vector in vectors)
        {
            foreach (var x in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), x);
                at += sizeof(float);
            }
        }
        return Keccak256.Hash(bytes);
    }
}
