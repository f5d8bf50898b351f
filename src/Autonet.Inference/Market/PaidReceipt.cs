using System.Globalization;
using Autonet.Chain.Contracts;
using Autonet.Core.Codecs;

namespace Autonet.Inference.Market;

/// <summary>
/// A provider's signed receipt of one response, with the request bytes it hashes (<see cref="PaidHashes.RequestBytes"/>):
/// everything a client needs to open a dispute. <see cref="Format"/> and <see cref="TryParse"/> are the Autonet-Receipt header.
/// </summary>
public sealed record PaidReceipt(InferenceReceipt Receipt, byte[] Signature, byte[] Request)
{
    /// <summary>The response header carrying the receipt.</summary>
    public const string Header = "Autonet-Receipt";

    private static readonly string[] Keys = ["provider", "client", "project", "round", "request", "response", "signature"];

    /// <summary>The header value: provider=0x…; client=0x…; project=N; round=R; request=0x…; response=0x…; signature=0x….</summary>
    public static string Format(InferenceReceipt receipt, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(signature);
        return HeaderFields.Write(
            ("provider", receipt.Provider.ToString()), ("client", receipt.Client.ToString()),
            ("project", receipt.ProjectId.ToString(CultureInfo.InvariantCulture)), ("round", receipt.Round.ToString(CultureInfo.InvariantCulture)),
            ("request", receipt.RequestHash.ToString()), ("response", receipt.ResponseHash.ToString()), ("signature", Hex.Encode(signature)));
    }

    /// <summary>Parses an Autonet-Receipt value; false with the reason when a field is missing or malformed.</summary>
    public static bool TryParse(string? header, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InferenceReceipt? receipt, out byte[] signature, out string problem)
    {
        receipt = null;
        signature = [];
        if (!HeaderFields.TryParse(header, Keys, out var f, out problem)
            || !f.TryAddress("provider", out var provider, out problem) || !f.TryAddress("client", out var client, out problem)
            || !f.TryAmount("project", out var project, out problem) || !f.TryAmount("round", out var round, out problem)
            || !f.TryHash("request", out var request, out problem) || !f.TryHash("response", out var response, out problem)
            || !f.TrySignature("signature", out signature, out problem))
        {
            return false;
        }
        receipt = new InferenceReceipt(provider, client, project, round, request, response);
        return true;
    }
}
