// A request the server refuses, carried to the edge as OpenAI's error object (platform.openai.com/docs/guides/
// error-codes): {"error": {"message", "type", "param", "code"}} with a 4xx status. The message names the value and
// the rule; param names the request field (JSON path) it is about.
namespace Autonet.Inference.Api;

/// <summary>A refused request: HTTP status, the field it is about and the rule it broke.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string message, string? param, string code, string type = "invalid_request_error")
        : base(message)
    {
        Status = status;
        Param = param;
        Code = code;
        Type = type;
    }

    public ApiException()
        : this(400, "bad request", null, "invalid_request")
    {
    }

    public ApiException(string message)
        : this(400, message, null, "invalid_request")
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Code = "invalid_request";
        Type = "invalid_request_error";
    }

    /// <summary>HTTP status (400, 404, 413, 503 …).</summary>
    public int Status { get; }

    /// <summary>The request field, e.g. "input[3]" or "messages[0].content"; null when the whole request is meant.</summary>
    public string? Param { get; }

    /// <summary>A stable machine-readable code: "model_not_found", "input_too_long", "invalid_image" …</summary>
    public string Code { get; }

    /// <summary>OpenAI's error type: "invalid_request_error", or "server_error" for 5xx.</summary>
    public string Type { get; }
}
