// The client's ledger with one provider for one project, as JSON lines appended and flushed:
//   {"spent":"<cumulative>"}                                   each voucher signed, before its request leaves
//   {"receipt":"<Autonet-Receipt value>","request":"<base64>"}  each receipt accepted, with the request bytes it hashes
// A restarted client reads the highest total back and never signs a lower one (a voucher is spent once signed), and
// `autonet market dispute` finds every receipt it could put on chain. Loading refuses a broken line, naming it.
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Autonet.Core.Ids;

namespace Autonet.Inference.Market;

/// <summary>Vouchers signed and receipts kept by a paying client, in a file.</summary>
public sealed class PaymentLog
{
    private readonly Lock _lock = new();
    private readonly List<PaidReceipt> _receipts = [];

    /// <exception cref="InvalidDataException">A line is neither a spent total nor a receipt; the message names the line.</exception>
    public PaymentLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        if (!File.Exists(path))
        {
            return;
        }
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length > 0 && !TryRead(line, out var problem))
            {
                throw new InvalidDataException($"{path} line {number}: {problem}; each line is {{\"spent\": \"N\"}} or {{\"receipt\": \"…\", \"request\": \"base64\"}}");
            }
        }
    }

    public string Path { get; }

    /// <summary>The highest total signed so far (0 for a new log).</summary>
    public BigInteger Spent { get; private set; }

    /// <summary>The receipts kept, oldest first.</summary>
    public IReadOnlyList<PaidReceipt> Receipts
    {
        get
        {
            lock (_lock)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>The log of a client's payments to <paramref name="provider"/> for <paramref name="projectId"/> in a node's home.</summary>
    public static string PathIn(string home, Address provider, BigInteger projectId) =>
        System.IO.Path.Combine(home, $"payments-project-{projectId.ToString(CultureInfo.InvariantCulture)}-{provider}.jsonl");

    /// <summary>Records a signed total before the voucher leaves.</summary>
    public void AppendSpent(BigInteger cumulative)
    {
        lock (_lock)
        {
            Append(JsonSerializer.Serialize(new { spent = cumulative.ToString(CultureInfo.InvariantCulture) }));
            Spent = BigInteger.Max(Spent, cumulative);
        }
    }

    public void AppendReceipt(PaidReceipt paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        lock (_lock)
        {
            Append(JsonSerializer.Serialize(new { receipt = PaidReceipt.Format(paid.Receipt, paid.Signature), request = Convert.ToBase64String(paid.Request) }));
            _receipts.Add(paid);
        }
    }

    private void Append(string line)
    {
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.Write(line);
        writer.Write('\n');
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private bool TryRead(string line, out string problem)
    {
        problem = "";
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("spent", out var spent))
            {
                if (!BigInteger.TryParse(spent.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
                {
                    problem = $"spent '{spent}' is not a whole number";
                    return false;
                }
                Spent = BigInteger.Max(Spent, total);
                return true;
            }
            if (!PaidReceipt.TryParse(root.GetProperty("receipt").GetString(), out var receipt, out var signature, out problem))
            {
                return false;
            }
            _receipts.Add(new PaidReceipt(receipt, signature, Convert.FromBase64String(root.GetProperty("request").GetString() ?? "")));
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = e.Message;
            return false;
        }
    }
}
