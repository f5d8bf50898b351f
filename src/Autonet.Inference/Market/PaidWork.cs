// The work of the two paid endpoints, shared by the endpoints and by dispute re-execution so both run exactly the same
// code on the same fields of the body (the body's "model" names the provider's id and is not read here).
using Autonet.Inference.Api;
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;

namespace Autonet.Inference.Market;

/// <summary>K-vectors and embeddings of a request body on one model.</summary>
internal static class PaidWork
{
    /// <summary>The K x D plan of the body's messages (row-major), beside the body's optional "image" on a VL-JEPA.</summary>
    public static Task<float[]> KVectorsAsync(ServedModel model, RequestBody body, CancellationToken cancellationToken)
    {
        if (model.Modality == Modality.Image)
        {
            Errors.Field("model", $"'{model.Id}' is an image model; K-vectors of a conversation need a text or multimodal model", "model_not_text");
        }
        var ids = ConversationText.ContextIds(body.Messages());
        float[]? image = null;
        if (body.OptionalString("image") is { } picture)
        {
            if (model.Modality != Modality.Multimodal)
            {
                Errors.Field("image", $"'{model.Id}' is a text model and reads no image; send it to a multimodal model", "model_not_multimodal");
            }
            image = SharedSpaceEmbedder.ImagePixels(model.Model.Config, picture, -1, "image");
        }
        var encoder = new KVectorEncoder(model.Model);
        return model.RunAsync(() => encoder.Encode(ids, image, model.Arena), cancellationToken);
    }

    /// <summary>One embedding per input of the body, and the tokens read.</summary>
    public static Task<(float[][] Vectors, int Tokens)> EmbeddingsAsync(ServedModel model, RequestBody body, CancellationToken cancellationToken)
    {
        var inputs = body.Inputs();
        return model.RunAsync(() => Embedder.Embed(model, inputs, model.Arena), cancellationToken);
    }
}
