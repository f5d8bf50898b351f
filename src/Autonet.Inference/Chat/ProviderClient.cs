// The chat node's side of the one round trip: POST {provider}/v1/kvectors for the context, decode the base64 float32
// plan and check it has the K x D the decoder was trained for. A provider that cannot be reached or times out
// returns null (the caller falls back); one that answers wrongly is an error that names what it sent. With a wallet each
// request carries the next voucher and the answer must carry a receipt over exactly what was sent and received.
using System.Text.Json;
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;

namespace Autonet.Inference.Chat;

/// <summary>Asks an inference provider for K-vectors.</summary>
public sealed class ProviderClient(HttpClient http, Uri provider, string model, VoucherWallet? wallet = null)
{
    /// <summary>Pays the provider and keeps its receipts; null for a free provider.</summary>
    public VoucherWallet? Wallet => wallet;

    public Uri Provider => provider;

    public string Model => model;

    /// <summary>The plan (K * D floats), or null when the provider is unreachable.</summary>
    /// <exception cref="InvalidDataException">The provider answered with an error or a plan of the wrong shape.</exception>
    public async Task<float[]?> TryKVectorsAsync(IReadOnlyList<ChatMessage> messages, int k, int d, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new
        {
            model,
            encoding_format = "base64",
            messages = messages.Select(m => new { role = m.Role, content = m.Content }),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(request);
        HttpResponseMessage response;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(provider, "v1/kvectors"));
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
            if (wallet is not null)
            {
                message.Headers.Add(PaymentGate.Header, wallet.NextVoucherHeader());
            }
            response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null; // refused, reset or timed out: the provider is down for this request
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Errors.Format($"provider {provider}", $"POST /v1/kvectors answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
            }
            var plan = Parse(text, k, d);
            if (wallet is not null)
            {
                var receipt = response.Headers.TryGetValues(PaidReceipt.Header, out var values) ? values.FirstOrDefault() : null;
                wallet.AcceptReceipt(receipt, "/v1/kvectors", body, [plan]);
            }
            return plan;
        }
    }

    private float[] Parse(string text, int k, int d)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var (gotK, gotD) = (root.GetProperty("k").GetInt32(), root.GetProperty("d").GetInt32());
            if (gotK != k || gotD != d)
            {
                Errors.Format($"provider {provider} model '{model}'", $"K-vectors are {gotK} x {gotD}; the decoder was trained on {k} x {d}");
            }
            if (!FloatCodec.TryFromBase64(root.GetProperty("data").GetString() ?? "", out var plan, out var reason) || plan.Length != k * d)
            {
                Errors.Format($"provider {provider}", $"K-vector data {reason ?? $"holds {plan.Length} floats, not {k * d}"}");
            }
            return plan;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"provider {provider}: the /v1/kvectors reply is not a K-vector object ({e.Message})", e);
        }
    }
}
