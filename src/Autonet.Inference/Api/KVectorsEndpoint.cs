// POST /v1/kvectors (Autonet's own; seed 001's one round trip): {"model", "messages": [{role, content}],
// "encoding_format": "base64" (default) | "float"} -> {"object": "kvectors", "model", "k", "d", "bytes",
// "context_tokens", "encoding_format", "data"}: the K-vectors of the context for the next reply (Encoding/
// KVectorEncoder), row-major (K, D), as base64 of little-endian float32 or a flat float array.
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Returns a conversation context's K-vectors from a served text JEPA.</summary>
internal sealed class KVectorsEndpoint(ModelCatalog catalog)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        using var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var model = catalog.Find(body.RequiredString("model"));
        if (model.Modality != Modality.Text)
        {
            Errors.Field("model", $"'{model.Id}' is an image model; K-vectors of a conversation need a text model", "model_not_text");
        }
        var messages = body.Messages();
        var base64 = body.Base64Format(defaultBase64: true);
        var ids = ConversationText.ContextIds(messages);
        var encoder = new KVectorEncoder(model.Model);
        var plan = await model.RunAsync(() => encoder.Encode(ids, model.Arena), cancellationToken).ConfigureAwait(false);
        var shape = encoder.Shape;
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "kvectors");
            w.WriteString("model", model.Id);
            w.WriteNumber("k", shape.K);
            w.WriteNumber("d", shape.D);
            w.WriteNumber("bytes", shape.Bytes);
            w.WriteNumber("context_tokens", Math.Min(ids.Length, encoder.ContextTokens));
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
