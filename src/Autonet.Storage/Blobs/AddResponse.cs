using System.Text.Json.Serialization;

namespace Autonet.Storage.Blobs;

/// <summary>The answer of <c>POST /api/v0/add</c>: the stored blob's id, named as IPFS names it.</summary>
public sealed record AddResponse([property: JsonPropertyName("Hash")] string Hash);

/// <summary>Source-generated JSON for <see cref="AddResponse"/> (the slim host has no reflection serializer).</summary>
[JsonSerializable(typeof(AddResponse))]
internal sealed partial class AddResponseContext : JsonSerializerContext;
