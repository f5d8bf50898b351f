// GET /v1/models and GET /v1/models/{id} in OpenAI's shape ({"object": "list", "data": [{"id", "object": "model",
// "created", "owned_by"}]}), plus an "autonet" object per model: modality, architecture, width, and for text models
// the K-vector shape (k, d, bytes per turn) that POST /v1/kvectors returns. Chat decoders are listed as models too.
using System.Text.Json;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Lists the served encoders and the chat decoder.</summary>
internal sealed class ModelsEndpoint(ModelCatalog catalog, Chat.ChatService? chat)
{
    public Task ListAsync(HttpContext context) => JsonResponse.WriteAsync(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in catalog.All)
        {
            WriteModel(w, model);
        }
        if (chat is not null)
        {
            WriteDecoder(w, chat);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }, context.RequestAborted);

    public Task GetAsync(HttpContext context, string id)
    {
        if (chat is not null && chat.ModelId == id)
        {
            return JsonResponse.WriteAsync(context, 200, w => WriteDecoder(w, chat), context.RequestAborted);
        }
        var model = catalog.Find(id);
        return JsonResponse.WriteAsync(context, 200, w => WriteModel(w, model), context.RequestAborted);
    }

    private static void WriteModel(Utf8JsonWriter w, ServedModel model)
    {
        w.WriteStartObject();
        w.WriteString("id", model.Id);
        w.WriteString("object", "model");
        w.WriteNumber("created", model.Created);
        w.WriteString("owned_by", "autonet");
        w.WriteStartObject("autonet");
        w.WriteString("architecture", ModelManifest.ArchitectureOf(model.Modality));
        w.WriteString("modality", model.Modality == Modality.Text ? "text" : "image");
        w.WriteNumber("width", model.Model.Config.Width);
        w.WriteString("source", model.Source);
        if (model.Modality == Modality.Text)
        {
            w.WriteNumber("max_tokens", model.Model.Config.MaxTokens);
            w.WriteNumber("k", model.KVectors.K);
            w.WriteNumber("d", model.KVectors.D);
            w.WriteNumber("kvector_bytes", model.KVectors.Bytes);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDecoder(Utf8JsonWriter w, Chat.ChatService chat)
    {
        w.WriteStartObject();
        w.WriteString("id", chat.ModelId);
        w.WriteString("object", "model");
        w.WriteNumber("created", chat.Created);
        w.WriteString("owned_by", "local");
        w.WriteStartObject("autonet");
        w.WriteString("architecture", "film-byte-decoder");
        w.WriteString("modality", "text");
        w.WriteNumber("k", chat.Decoder.Config.K);
        w.WriteNumber("d", chat.Decoder.Config.D);
        w.WriteString("plan_model", chat.PlanModel);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
