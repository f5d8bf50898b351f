// POST /v1/embeddings (OpenAI's shape): {"model", "input": string | [string], "encoding_format": "float" | "base64"}
// -> {"object": "list", "data": [{"object": "embedding", "index", "embedding"}], "model", "usage"}. A text model
// embeds text; an image model reads each input as base64 PNG/JPEG (or a data: URL). See Encoding/Embedder.
// With a PaymentGate the request must carry a voucher and the reply carries a receipt (Market/).
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Embeds text or images with a served encoder.</summary>
internal sealed class EmbeddingsEndpoint(ModelCatalog catalog, PaymentGate? payments)
{
    public const string Path = "/v1/embeddings";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        using var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var model = catalog.Find(body.RequiredString("model"));
        var inputs = body.Inputs();
        var base64 = body.Base64Format(defaultBase64: false);
        var payment = payments is null ? null : await payments.CheckAsync(context, new PricedRequest(Path, model.Id, inputs.Count), cancellationToken).ConfigureAwait(false);
        var (vectors, tokens) = await PaidWork.EmbeddingsAsync(model, body, cancellationToken).ConfigureAwait(false);
        if (payment is not null)
        {
            payments!.Settle(context, payment, Path, body.Raw, vectors); // payment is non-null only with a gate
        }
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < vectors.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    w.WriteString("embedding", FloatCodec.ToBase64(vectors[i]));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var x in vectors[i])
                    {
                        w.WriteNumberValue(x);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("model", model.Id);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }
}
