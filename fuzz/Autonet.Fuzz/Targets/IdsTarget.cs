using System.Text;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;
using Autonet.Core.Json;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// The Core parsers: ContentId, Address and Hash32 TryParse and Hex.TryDecode never throw and round-trip what they
/// accept; CanonicalJson.Canonicalize throws FormatException only.
/// </summary>
internal sealed class IdsTarget : FuzzTarget
{
    public override string Name => "ids";

    public override string Decoder => "ContentId / Address / Hash32 TryParse, Hex.TryDecode, CanonicalJson";

    public override void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (ContentId.TryParse(text, out var id) && ContentId.Parse(id.ToString()) != id)
        {
            throw new InvalidOperationException($"content id '{text}' does not round-trip");
        }
        if (Address.TryParse(text, out var address) && Address.Parse(address.ToString()) != address)
        {
            throw new InvalidOperationException($"address '{text}' does not round-trip");
        }
        if (Hash32.TryParse(text, out var hash) && Hash32.Parse(hash.ToString()) != hash)
        {
            throw new InvalidOperationException($"hash '{text}' does not round-trip");
        }
        Hex.TryDecode(text, out _, out _);
        try
        {
            CanonicalJson.Canonicalize(text);
        }
        catch (FormatException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new[]
        {
            ContentId.Of("autonet"u8).ToString(), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", """{"b":[1,2.5e3,"x"],"a":null}""",
        }.Select(Encoding.UTF8.GetBytes);
}
