using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public class TextSplitTests
{
    [Fact]
    public void Split_TwentyFiles_HoldsOutWholeFilesNeverTrainedOn()
    {
        var windows = Enumerable.Range(0, 20).SelectMany(f => Enumerable.Range(0, 3).Select(w => (File: $"conv-{f:D2}.jsonl", Window: w))).ToList();
        var (train, heldOut) = TextSplit.Split(windows, w => w.File);
        Assert.Equal(["conv-09.jsonl", "conv-19.jsonl"], heldOut.Select(w => w.File).Distinct());
        Assert.Equal(6, heldOut.Count);
        Assert.Empty(train.Select(w => w.File).Intersect(heldOut.Select(w => w.File)));
        Assert.Equal(54, train.Count);
    }

    [Fact]
    public void HeldOutFiles_FewerThanTen_HoldsOutTheLast()
    {
        Assert.Equal(["b"], TextSplit.HeldOutFiles(["b", "a", "a"]));
    }

    [Fact]
    public void HeldOutFiles_OneFile_HoldsOutNothing()
    {
        Assert.Empty(TextSplit.HeldOutFiles(["only.jsonl", "only.jsonl"]));
    }

    [Fact]
    public void HeldOutFiles_OrderOfWindows_DoesNotMatter()
    {
        var files = Enumerable.Range(0, 30).Select(i => $"f{i:D2}").ToList();
        var shuffled = files.AsEnumerable().Reverse().ToList();
        Assert.Equal(TextSplit.HeldOutFiles(files).Order(), TextSplit.HeldOutFiles(shuffled).Order());
    }
}
