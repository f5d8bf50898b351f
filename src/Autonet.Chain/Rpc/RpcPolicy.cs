// How patient a JSON-RPC client is: a timeout per attempt, how many attempts a transport failure gets (a connection
// refused or dropped, a timeout, an HTTP 429/502/503/504), and the backoff between them. An error reply (a revert, a
// refused transaction) is an answer, not a transport failure, and is never retried. Not a circuit breaker.
namespace Autonet.Chain.Rpc;

/// <summary>Timeout, retries and backoff of one JSON-RPC call.</summary>
public sealed record RpcPolicy
{
    /// <summary>The defaults: 30 s per attempt, 4 attempts, backoff from 100 ms doubling to at most 5 s.</summary>
    public static readonly RpcPolicy Default = new();

    /// <summary>How long one attempt (request and whole reply) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all for a transport failure (1: no retry).</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>The backoff ceiling before the second attempt; it doubles per attempt.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most one backoff waits.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): "equal jitter" (AWS Architecture Blog,
    /// "Exponential Backoff and Jitter"): half of min(max, first × 2^(attempt-1)) plus a uniform random part up to the
    /// other half, so processes that failed together do not retry together, and no wait is shorter than half its step.
    /// </summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(random);
        var step = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds((step / 2) + (random.NextDouble() * step / 2));
    }

    /// <summary>Checks every field, naming the field, its value and the rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public RpcPolicy Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"RPC timeout {Timeout.TotalSeconds} s must be in (0, 600] s");
        }
        if (Attempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Attempts), Attempts, $"RPC attempts {Attempts} must be in 1..100");
        }
        if (FirstBackoff < TimeSpan.Zero || MaxBackoff < FirstBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, $"RPC backoff must satisfy 0 <= first ({FirstBackoff.TotalMilliseconds} ms) <= max ({MaxBackoff.TotalMilliseconds} ms)");
        }
        return this;
    }
}
