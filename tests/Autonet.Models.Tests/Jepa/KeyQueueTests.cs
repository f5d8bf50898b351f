using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class KeyQueueTests
{
    [Fact]
    public void Push_PastCapacity_OverwritesOldest()
    {
        var queue = new KeyQueue(3, 2);
        queue.Push([1, 1, 2, 2], [1, 2]);
        Assert.Equal(2, queue.Count);
        queue.Push([3, 3, 4, 4], [3, 4]);
        Assert.Equal(3, queue.Count);
        Assert.Equal([4, 2, 3], queue.Ids.ToArray());
        Assert.Equal([4f, 4, 2, 2, 3, 3], queue.Keys.ToArray());
    }

    [Fact]
    public void SaveLoad_RoundTripsAndContinuesTheRing()
    {
        var queue = new KeyQueue(3, 2);
        queue.Push([1, 1, 2, 2, 3, 3, 4, 4], [1, 2, 3, 4]);
        var copy = new KeyQueue(3, 2);
        copy.Load(queue.Save());
        queue.Push([5, 5], [5]);
        copy.Push([5, 5], [5]);
        Assert.Equal(queue.Save(), copy.Save());
        Assert.Equal([4, 5, 3], copy.Ids.ToArray());
    }

    [Fact]
    public void Load_WrongLength_ThrowsNamingState()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyQueue(3, 2).Load(new float[4]));
        Assert.Equal("state", error.ParamName);
    }

    [Fact]
    public void Push_RowsNotMatchingIds_ThrowsNamingRows()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyQueue(3, 2).Push([1, 1, 2], [1, 2]));
        Assert.Equal("rows", error.ParamName);
    }
}
