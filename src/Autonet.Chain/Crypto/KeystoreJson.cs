// The fields of a keystore v3 file, parsed strictly: every field's kind, length and bound is checked here, so
// Keystore.Decrypt only ever sees parameters it can afford. "crypto" is also accepted as "Crypto" (MyEtherWallet and
// old geth files). Not a general JSON schema checker.
using System.Text.Json;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>A parsed keystore v3 file.</summary>
internal sealed record KeystoreJson(KdfParameters Kdf, byte[] Salt, int DerivedLength, byte[] Iv, byte[] Ciphertext, byte[] Mac, Address? Address)
{
    private const int MaxSaltBytes = 1024;

    /// <exception cref="FormatException">the message names the field and the rule</exception>
    public static KeystoreJson Parse(string json)
    {
        if (json.Length > Keystore.MaxFileBytes)
        {
            throw Bad("file", $"{json.Length} characters is over the {Keystore.MaxFileBytes} limit");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"keystore: not JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("file", "must be a JSON object");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 3)
            {
                throw Bad("version", "must be 3 (Web3 Secret Storage v3)");
            }
            var crypto = root.TryGetProperty("crypto", out var c) ? c : root.TryGetProperty("Crypto", out var c2) ? c2 : throw Bad("crypto", "is missing");
            if (crypto.ValueKind != JsonValueKind.Object)
            {
                throw Bad("crypto", "must be an object");
            }
            var cipher = Text(crypto, "cipher");
            if (cipher != "aes-128-ctr")
            {
                throw Bad("crypto.cipher", $"'{cipher}' is not supported: must be aes-128-ctr");
            }
            var iv = Bytes(Object(crypto, "cipherparams"), "iv", "crypto.cipherparams.iv", 16, 16);
            var ciphertext = Bytes(crypto, "ciphertext", "crypto.ciphertext", 32, 32);
            var mac = Bytes(crypto, "mac", "crypto.mac", 32, 32);
            var kdfName = Text(crypto, "kdf");
            var parameters = Object(crypto, "kdfparams");
            var salt = Bytes(parameters, "salt", "crypto.kdfparams.salt", 0, MaxSaltBytes);
            var derivedLength = Number(parameters, "dklen", 32, 128);
            KdfParameters kdf;
            if (kdfName == "scrypt")
            {
                var n = Number(parameters, "n", 2, 1L << 23);
                var r = (int)Number(parameters, "r", 1, 1 << 20);
                var p = (int)Number(parameters, "p", 1, 1 << 20);
                try
                {
                    Scrypt.Validate(n, r, p, (int)derivedLength);
                }
                catch (ArgumentException e)
                {
                    throw Bad("crypto.kdfparams", e.Message);
                }
                kdf = new KdfParameters("scrypt", n, r, p, 0);
            }
            else if (kdfName == "pbkdf2")
            {
                var prf = Text(parameters, "prf");
                if (prf != "hmac-sha256")
                {
                    throw Bad("crypto.kdfparams.prf", $"'{prf}' is not supported: must be hmac-sha256");
                }
                kdf = new KdfParameters("pbkdf2", 0, 0, 0, (int)Number(parameters, "c", 1, KdfParameters.MaxIterations));
            }
            else
            {
                throw Bad("crypto.kdf", $"'{kdfName}' is not supported: must be scrypt or pbkdf2");
            }
            Address? address = null;
            if (root.TryGetProperty("address", out var declared) && declared.ValueKind == JsonValueKind.String)
            {
                var text = declared.GetString()!;
                address = Core.Ids.Address.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text, out var parsed)
                    ? parsed
                    : throw Bad("address", $"'{text}' is not a 20-byte hex address");
            }
            return new KeystoreJson(kdf, salt, (int)derivedLength, iv, ciphertext, mac, address);
        }
    }

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw Bad(name, "must be an object");

    private static string Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(name, "must be a string");

    private static long Number(JsonElement parent, string name, long minimum, long maximum) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= minimum && number <= maximum
            ? number
            : throw Bad($"crypto.kdfparams.{name}", $"must be a whole number in {minimum}..{maximum}");

    private static byte[] Bytes(JsonElement parent, string name, string path, int minimum, int maximum)
    {
        var text = Text(parent, name);
        if (!Hex.TryDecode(text, out var bytes, out var problem))
        {
            throw Bad(path, $"not hex: {problem}");
        }
        return bytes.Length >= minimum && bytes.Length <= maximum ? bytes : throw Bad(path, $"is {bytes.Length} bytes: must be {(minimum == maximum ? $"{minimum}" : $"{minimum}..{maximum}")}");
    }

    private static FormatException Bad(string field, string rule) => new($"keystore: {field} {rule}");
}
