// POST /v1/chat/completions on the user's own node, in OpenAI's shape: {"model", "messages", "stream", "max_tokens" |
// "max_completion_tokens", "temperature", "seed"} -> a chat.completion with "usage", or with "stream": true
// server-sent events of chat.completion.chunk objects, a usage chunk (empty choices, as OpenAI's include_usage
// sends), then "data: [DONE]". Each reply says which path served its plan: "autonet": {"path"} in the completion and
// in the first and usage chunks, and the X-Autonet-Path header. Bytes are streamed as whole UTF-8 characters.
using System.Text.Json;
using Autonet.Inference.Chat;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Chat completions from the local FiLM decoder.</summary>
internal sealed class ChatCompletionsEndpoint(ChatService chat)
{
    /// <summary>Longest reply one request may ask for.</summary>
    public const int MaxReplyTokens = 4096;

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        using var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var model = body.RequiredString("model");
        if (model != chat.ModelId)
        {
            Errors.UnknownModel(model, [chat.ModelId]);
        }
        var messages = body.Messages();
        var stream = body.OptionalBool("stream") ?? false;
        var maxTokens = body.OptionalInt("max_completion_tokens", 1, MaxReplyTokens) ?? body.OptionalInt("max_tokens", 1, MaxReplyTokens) ?? 256;
        var temperature = body.OptionalNumber("temperature", 0, 2) ?? 0.7;
        var seed = (ulong)(body.OptionalInt("seed", 0, int.MaxValue) ?? Random.Shared.Next());
        var (plan, path, promptTokens) = await chat.PlanAsync(messages, cancellationToken).ConfigureAwait(false);
        var pathName = JsonNamingPolicy.SnakeCaseLower.ConvertName(path.ToString());
        context.Response.Headers["X-Autonet-Path"] = pathName;
        var reply = new Reply($"chatcmpl-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat.ModelId, pathName);
        if (stream)
        {
            await StreamAsync(context, reply, plan, maxTokens, temperature, seed, promptTokens, cancellationToken).ConfigureAwait(false);
            return;
        }
        var tokens = await chat.GenerateAsync(plan, maxTokens, temperature, seed, null, cancellationToken).ConfigureAwait(false);
        var text = Autonet.Data.Text.ByteTokenizer.Decode([.. tokens]);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            reply.WriteHead(w, "chat.completion");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            w.WriteEndObject();
            w.WriteString("finish_reason", tokens.Count >= maxTokens ? "length" : "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, promptTokens, tokens.Count);
            reply.WriteAutonet(w);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, Reply reply, float[] plan, int maxTokens, double temperature, ulong seed, int promptTokens, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await SendAsync(context, w => WriteDelta(w, reply, "role", "assistant", null, withPath: true), cancellationToken).ConfigureAwait(false);
        var utf8 = System.Text.Encoding.UTF8.GetDecoder();
        var pending = new List<string>();
        var oneByte = new byte[1];
        var chars = new char[4];
        var tokens = await chat.GenerateAsync(plan, maxTokens, temperature, seed, token =>
        {
            oneByte[0] = (byte)(token - Autonet.Data.Text.ByteTokenizer.SpecialCount);
            var n = utf8.GetChars(oneByte, 0, 1, chars, 0, flush: false); // 0 until a character's last byte arrives
            if (n > 0)
            {
                pending.Add(new string(chars, 0, n));
            }
        }, cancellationToken).ConfigureAwait(false);
        // Generation runs under the decoder's lock without awaiting; its characters are sent after it, one event each.
        var tail = utf8.GetChars([], 0, 0, chars, 0, flush: true);
        if (tail > 0)
        {
            pending.Add(new string(chars, 0, tail));
        }
        foreach (var piece in pending)
        {
            await SendAsync(context, w => WriteDelta(w, reply, "content", piece, null, withPath: false), cancellationToken).ConfigureAwait(false);
        }
        var finish = tokens.Count >= maxTokens ? "length" : "stop";
        await SendAsync(context, w => WriteDelta(w, reply, null, null, finish, withPath: false), cancellationToken).ConfigureAwait(false);
        await SendAsync(context, w =>
        {
            w.WriteStartObject();
            reply.WriteHead(w, "chat.completion.chunk");
            w.WriteStartArray("choices");
            w.WriteEndArray();
            WriteUsage(w, promptTokens, tokens.Count);
            reply.WriteAutonet(w);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await context.Response.WriteAsync("data: [DONE]\n\n", cancellationToken).ConfigureAwait(false);
    }

    private static void WriteDelta(Utf8JsonWriter w, Reply reply, string? field, string? value, string? finish, bool withPath)
    {
        w.WriteStartObject();
        reply.WriteHead(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (field is not null)
        {
            w.WriteString(field, value);
        }
        w.WriteEndObject();
        if (finish is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finish);
        }
        w.WriteEndObject();
        w.WriteEndArray();
        if (withPath)
        {
            reply.WriteAutonet(w);
        }
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, int prompt, int completion)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }

    // One server-sent event (the WHATWG HTML "event stream" format): "data: <json>\n\n", flushed at once.
    private static async Task SendAsync(HttpContext context, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        buffer.Write("\n\n"u8);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Reply(string Id, long Created, string Model, string Path)
    {
        public void WriteHead(Utf8JsonWriter w, string kind)
        {
            w.WriteString("id", Id);
            w.WriteString("object", kind);
            w.WriteNumber("created", Created);
            w.WriteString("model", Model);
        }

        public void WriteAutonet(Utf8JsonWriter w)
        {
            w.WriteStartObject("autonet");
            w.WriteString("path", Path);
            w.WriteEndObject();
        }
    }
}
