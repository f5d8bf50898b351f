// The chain client's counters, as System.Diagnostics.Metrics instruments on the "Autonet.Chain" meter (in the box, no
// exporter here): a host that wants them (the node's /metrics) listens to the meter. Counting only; no timings.
using System.Diagnostics.Metrics;

namespace Autonet.Chain.Rpc;

/// <summary>Counters of JSON-RPC calls, retries and transactions.</summary>
public static class ChainMetrics
{
    /// <summary>The meter's name, for a MeterListener.</summary>
    public const string MeterName = "Autonet.Chain";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("autonet_rpc_calls", description: "JSON-RPC calls by method and outcome (ok, ok_after_retry, error, unreachable)");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("autonet_rpc_retries", description: "JSON-RPC attempts retried after a transport failure, by method");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("autonet_transactions_sent", description: "Transactions sent, by how (new, resubmitted)");

    internal static void Call(string method, string outcome) =>
        Calls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    internal static void Retry(string method) => Retries.Add(1, new KeyValuePair<string, object?>("method", method));

    internal static void Transaction(string how) => Sent.Add(1, new KeyValuePair<string, object?>("how", how));
}
