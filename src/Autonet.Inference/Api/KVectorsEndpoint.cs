// POST /v1/kvectors (Autonet's own; seed 001's one round trip): {"model", "messages": [{role, content}],
// "image": base64 PNG/JPEG or a data URL (optional; a multimodal model only), "encoding_format": "base64" (default) | "float"} -> {"object": "kvectors", "model", "k", "d", "bytes",
// "context_tokens", "encoding_format", "data"}: the K-vectors of the context for the next reply (Encoding/
// KVectorEncoder), row-major (K, D), as base64 of little-endian float32 or a flat float array.
// With a PaymentGate the request must carry a voucher and the reply carries a receipt (Market/).
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Returns a conversation context's K-vectors from a served text JEPA or VL-JEPA (with an optional image).</summary>
internal sealed class KVectorsEndpoint(ModelCatalog catalog, PaymentGate? payments)
{
    public const string Path = "/v1/kvectors";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        using var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var model = catalog.Find(body.RequiredString("model"));
        if (model.Modality == Autonet.Models.Jepa.Modality.Image)
        {
            Errors.Field("model", $"'{model.Id}' is an image model; K-vectors of a conversation need a text or multimodal model", "model_not_text");
        }
        var ids = ConversationText.ContextIds(body.Messages());
        var base64 = body.Base64Format(defaultBase64: true);
        var payment = payments is null ? null : await payments.CheckAsync(context, new PricedRequest(Path, model.Id, 1), cancellationToken).ConfigureAwait(false);
        var plan = await PaidWork.KVectorsAsync(model, body, cancellationToken).ConfigureAwait(false);
        if (payment is not null)
        {
            payments!.Settle(context, payment, Path, body.Raw, [plan]); // payment is non-null only with a gate
        }
        var shape = model.KVectors;
        var contextTokens = model.Model.Config.MaxTokens - shape.K;
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "kvectors");
            w.WriteString("model", model.Id);
            w.WriteNumber("k", shape.K);
            w.WriteNumber("d", shape.D);
            w.WriteNumber("bytes", shape.Bytes);
            w.WriteNumber("context_tokens", Math.Min(ids.Length, contextTokens));
            w.WriteString("encoding_format", base64 ? "base64" : "float");
            if (base64)
            {
                w.WriteString("data", FloatCodec.ToBase64(plan));
            }
            else
            {
                w.WriteStartArray("data");
                foreach (var x in plan)
                {
                    w.WriteNumberValue(x);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }
}
