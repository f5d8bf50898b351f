using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Writes a JSON response with Utf8JsonWriter (no reflection, no intermediate objects).</summary>
public static class JsonResponse
{
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>OpenAI's error object.</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(context, error.Status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", error.Message);
            w.WriteString("type", error.Type);
            if (error.Param is null)
            {
                w.WriteNull("param");
            }
            else
            {
                w.WriteString("param", error.Param);
            }
            w.WriteString("code", error.Code);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken);
    }
}
