using System.Numerics;
using System.Text.Json;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>
/// Reads fields of untrusted JSON-RPC results; a missing or malformed field throws a <see cref="ChainException"/>
/// naming the method, the field and what came instead.
/// </summary>
internal static class RpcReader
{
    public static BigInteger Quantity(JsonElement element, string method, string field = "result")
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return Rpc.Quantity.TryParse(text, out var value)
            ? value
            : Errors.Rpc<BigInteger>(method, $"{field} is not a hex quantity: {Shorten(element)}");
    }

    public static ulong SmallQuantity(JsonElement element, string method, string field = "result")
    {
        var value = Quantity(element, method, field);
        return value <= ulong.MaxValue ? (ulong)value : Errors.Rpc<ulong>(method, $"{field} {value} does not fit 64 bits");
    }

    public static byte[] Data(JsonElement element, string method, string field = "result")
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return text is not null && text.StartsWith("0x", StringComparison.Ordinal) && Hex.TryDecode(text, out var bytes, out _)
            ? bytes
            : Errors.Rpc<byte[]>(method, $"{field} is not 0x-prefixed hex data: {Shorten(element)}");
    }

    public static Hash32 Hash(JsonElement element, string method, string field = "result") =>
        Hash32.TryParse(element.ValueKind == JsonValueKind.String ? element.GetString() : null, out var hash)
            ? hash
            : Errors.Rpc<Hash32>(method, $"{field} is not a 32-byte hash: {Shorten(element)}");

    public static Address Address(JsonElement element, string method, string field = "result") =>
        Core.Ids.Address.TryParse(element.ValueKind == JsonValueKind.String ? element.GetString() : null, out var address)
            ? address
            : Errors.Rpc<Address>(method, $"{field} is not an address: {Shorten(element)}");

    public static JsonElement Field(JsonElement element, string name, string method) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : Errors.Rpc<JsonElement>(method, $"result has no field '{name}': {Shorten(element)}");

    public static LogEntry Log(JsonElement log, string method)
    {
        var topics = Field(log, "topics", method);
        if (topics.ValueKind != JsonValueKind.Array)
        {
            return Errors.Rpc<LogEntry>(method, $"log topics is not an array: {Shorten(topics)}");
        }
        return new LogEntry(
            Address(Field(log, "address", method), method, "log.address"),
            topics.EnumerateArray().Select(t => Hash(t, method, "log.topic")).ToList(),
            Data(Field(log, "data", method), method, "log.data"),
            SmallQuantity(Field(log, "blockNumber", method), method, "log.blockNumber"),
            Hash(Field(log, "transactionHash", method), method, "log.transactionHash"),
            SmallQuantity(Field(log, "logIndex", method), method, "log.logIndex"));
    }

    public static TransactionReceipt Receipt(JsonElement receipt, string method)
    {
        var logs = Field(receipt, "logs", method);
        var contract = receipt.TryGetProperty("contractAddress", out var c) && c.ValueKind == JsonValueKind.String
            ? Address(c, method, "contractAddress")
            : (Address?)null;
        var price = receipt.TryGetProperty("effectiveGasPrice", out var p) ? Quantity(p, method, "effectiveGasPrice") : BigInteger.Zero;
        return new TransactionReceipt(
            Hash(Field(receipt, "transactionHash", method), method, "transactionHash"),
            SmallQuantity(Field(receipt, "blockNumber", method), method, "blockNumber"),
            Quantity(Field(receipt, "status", method), method, "status") == BigInteger.One,
            Quantity(Field(receipt, "gasUsed", method), method, "gasUsed"),
            price,
            contract,
            logs.ValueKind == JsonValueKind.Array ? logs.EnumerateArray().Select(l => Log(l, method)).ToList() : []);
    }

    private static string Shorten(JsonElement element)
    {
        var text = element.ToString();
        return element.ValueKind == JsonValueKind.Undefined ? "nothing" : text.Length <= 120 ? text : text[..117] + "...";
    }
}
