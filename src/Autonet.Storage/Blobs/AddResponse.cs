using System.Text.Json.Serialization;

namespace Autonet.Storage.Blobs;

/// <summary>
/// One line of the answer of <c>POST /api/v0/add</c>, named as kubo names it: the file name (the CID for a raw body),
/// the stored blob's id, and its size in bytes as a decimal string (kubo sends Size as a string).
/// </summary>
public sealed record AddResponse(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Hash")] string Hash,
    [property: JsonPropertyName("Size")] string Size);

/// <summary>Source-generated JSON for <see cref="AddResponse"/> (the slim host has no reflection serializer).</summary>
[JsonSerializable(typeof(AddResponse))]
internal sealed partial class AddResponseContext : JsonSerializerContext;
