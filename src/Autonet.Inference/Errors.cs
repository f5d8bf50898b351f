using System.Diagnostics.CodeAnalysis;
using Autonet.Inference.Api;

namespace Autonet.Inference;

/// <summary>Throw helpers for Autonet.Inference: request errors name the field, the value and the rule.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void Field(string param, string rule, string code = "invalid_value") =>
        throw new ApiException(400, $"'{param}': {rule}", param, code);

    [DoesNotReturn]
    public static void UnknownModel(string model, IEnumerable<string> known) =>
        throw new ApiException(404, $"'model': the model '{model}' does not exist on this node; GET /v1/models lists [{string.Join(", ", known)}]", "model", "model_not_found");

    [DoesNotReturn]
    public static void Unavailable(string message) =>
        throw new ApiException(503, message, null, "unavailable", "server_error");

    [DoesNotReturn]
    public static void Argument(string paramName, string problem) =>
        throw new ArgumentException(problem, paramName);

    [DoesNotReturn]
    public static void Format(string what, string problem) =>
        throw new InvalidDataException($"{what}: {problem}");
}
