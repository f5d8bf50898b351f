using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

/// <summary>The network's per-round probe (ProbeEvaluation.StandardizedAccuracy) with mean and grid pooling.</summary>
public class StandardizedProbeTests
{
    private static readonly Lazy<(ImageDataset Train, ImageDataset Test)> Data = new(() =>
    {
        var images = FashionMnist.Load(FashionMnistSplit.Train, maxCount: 400);
        return (images.Subset([.. Enumerable.Range(0, 300)]), images.Subset([.. Enumerable.Range(300, 100)]));
    });

    [Fact]
    public void StandardizedAccuracy_EveryTokenPooling_BeatsTheMeanPoolOfTheSameModel()
    {
        TinyRuns.SingleThread();
        var model = new JepaModel(TinyRuns.Image, seed: 3);
        var mean = ProbeEvaluation.StandardizedAccuracy(model, Data.Value.Train, Data.Value.Test);
        var everyToken = ProbeEvaluation.StandardizedAccuracy(model, Data.Value.Train, Data.Value.Test, TinyRuns.Image.GridSize);
        Assert.InRange(mean, 0.25, 1.0); // 10 classes: chance is 0.1
        Assert.True(everyToken > mean + 0.05, $"every token {everyToken:P1} vs mean pool {mean:P1}");
    }

    [Fact]
    public void StandardizedAccuracy_MoreRegionsThanTheGrid_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => ProbeEvaluation.StandardizedAccuracy(new JepaModel(TinyRuns.Image, seed: 3), Data.Value.Train, Data.Value.Test, TinyRuns.Image.GridSize + 1));
        Assert.Equal("pool_regions", error.ParamName);
    }
}
