namespace Autonet.Storage.Blobs;

/// <summary>
/// How <see cref="HttpBlobStore"/> rides out a gateway that drops a connection or stalls: every attempt has a
/// timeout, a failed attempt that may succeed next time (no connection, a dropped body, 5xx, a timeout) is retried
/// after a doubling backoff, and after <see cref="Attempts"/> the last error goes to the caller. A 4xx, a wrong
/// hash or an oversized blob is the gateway's answer, not a transient fault, and is never retried.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>3 attempts, 250 ms then 500 ms between them, 30 s per attempt.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>One attempt, no backoff: for callers that route around a failing gateway themselves.</summary>
    public static RetryPolicy None { get; } = new() { Attempts = 1 };

    /// <summary>Attempts in all, at least 1.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The wait after the first failed attempt; each later wait doubles it.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest one attempt may take (a whole download for <see cref="HttpBlobStore.ReadAsync"/>, the headers for OpenReadAsync).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the backoff waits on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));

    /// <summary>Checks the settings, naming the one that is wrong.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 attempt, a negative backoff, or a timeout that is not positive.</exception>
    public RetryPolicy Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Attempts, 1, nameof(Attempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstBackoff, TimeSpan.Zero, nameof(FirstBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        return this;
    }

    /// <summary>True for a failure another attempt may not meet (the caller's own cancellation is never one).</summary>
    internal static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // the attempt's timeout
        HttpRequestException { StatusCode: null } => true, // no answer: refused, reset, DNS
        HttpRequestException { StatusCode: { } status } => (int)status >= 500,
        IOException => true, // the connection dropped mid-body
        _ => false,
    };
}
