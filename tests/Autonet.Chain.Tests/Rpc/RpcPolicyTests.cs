using Autonet.Chain.Rpc;

namespace Autonet.Chain.Tests.Rpc;

public class RpcPolicyTests
{
    [Fact]
    public void Backoff_EveryAttempt_BetweenHalfAndAllOfItsCappedStep()
    {
        var policy = new RpcPolicy { FirstBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };
        var random = new Random(7);
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var step = Math.Min(1000, 100 * Math.Pow(2, Math.Min(attempt - 1, 30)));
            for (var draw = 0; draw < 50; draw++)
            {
                var wait = policy.Backoff(attempt, random).TotalMilliseconds;
                Assert.InRange(wait, step / 2, step);
            }
        }
    }

    [Fact]
    public void Backoff_SameAttempt_Jitters()
    {
        var random = new Random(1);
        var waits = Enumerable.Range(0, 20).Select(_ => RpcPolicy.Default.Backoff(3, random)).Distinct().Count();
        Assert.True(waits > 10, $"{waits} distinct waits of 20");
    }

    [Fact]
    public void Backoff_AttemptZero_ThrowsNamingParameter() =>
        Assert.Equal("attempt", Assert.Throws<ArgumentOutOfRangeException>(() => RpcPolicy.Default.Backoff(0, new Random(1))).ParamName);

    [Theory]
    [InlineData(0, 4, 100, 5000, "Timeout", "must be in (0, 600] s")]
    [InlineData(30, 0, 100, 5000, "Attempts", "must be in 1..100")]
    [InlineData(30, 4, 100, 50, "MaxBackoff", "0 <= first (100 ms) <= max (50 ms)")]
    public void Validate_OutOfRange_ThrowsNamingFieldAndRule(double seconds, int attempts, int firstMs, int maxMs, string field, string rule)
    {
        var policy = new RpcPolicy { Timeout = TimeSpan.FromSeconds(seconds), Attempts = attempts, FirstBackoff = TimeSpan.FromMilliseconds(firstMs), MaxBackoff = TimeSpan.FromMilliseconds(maxMs) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new JsonRpcClient(new Uri("http://127.0.0.1:1/"), policy: policy));
        Assert.Equal(field, error.ParamName);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }
}
