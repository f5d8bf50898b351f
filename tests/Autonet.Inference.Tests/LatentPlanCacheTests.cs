using Autonet.Inference.Chat;
using Autonet.Inference.Encoders;

namespace Autonet.Inference.Tests;

public class LatentPlanCacheTests
{
    [Theory]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, 0)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3, 4, 5 }, 2)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 9, 3, 4 }, 4)]
    [InlineData(new[] { 1 }, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 4)]
    public void Change_Contexts_CountsBytesTheWindowDidNotHold(int[] cached, int[] context, int expected) =>
        Assert.Equal(expected, LatentPlanCache.Change(cached, context, window: 4));

    [Fact]
    public void Store_PastCapacity_DropsTheLeastRecentlyUsed()
    {
        var cache = new LatentPlanCache(capacity: 2);
        cache.Store("a", [1], [1f]);
        cache.Store("b", [2], [2f]);
        Assert.NotNull(cache.Find("a")); // a is now the most recent
        cache.Store("c", [3], [3f]);
        Assert.Null(cache.Find("b"));
        Assert.NotNull(cache.Find("a"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void KeyOf_SameFirstMessage_SameKey()
    {
        var first = new ChatMessage("user", "hi");
        Assert.Equal(LatentPlanCache.KeyOf([first]), LatentPlanCache.KeyOf([first, new ChatMessage("assistant", "hello")]));
        Assert.NotEqual(LatentPlanCache.KeyOf([first]), LatentPlanCache.KeyOf([new ChatMessage("user", "ho")]));
    }
}
