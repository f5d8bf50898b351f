using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public class FeatureExtractorTests
{
    [Fact]
    public void Extract_OneRegionPerPatch_AveragesBackToTheMeanPool()
    {
        TinyRuns.SingleThread();
        var model = new JepaModel(TinyRuns.Image, seed: 3);
        var data = TinyRuns.ImageData();
        int[] indices = [0, 1, 2];
        var grid = model.Config.GridSize;
        var mean = FeatureExtractor.Extract(model, data, indices);
        var perPatch = FeatureExtractor.Extract(model, data, indices, regions: grid); // (N, G*G*C)
        var c = model.Config.Width;
        Assert.Equal(indices.Length * grid * grid * c, perPatch.Length);
        for (var n = 0; n < indices.Length; n++)
        {
            for (var d = 0; d < c; d++)
            {
                var sum = 0.0;
                for (var t = 0; t < grid * grid; t++)
                {
                    sum += perPatch[(((n * grid * grid) + t) * c) + d];
                }
                Assert.Equal(mean[(n * c) + d], sum / (grid * grid), 4);
            }
        }
    }

    [Fact]
    public void Dim_TwoRegions_FourTimesTheWidth() =>
        Assert.Equal(4 * TinyRuns.Image.Width, FeatureExtractor.Dim(TinyRuns.Image, 2));

    [Fact]
    public void Dim_MoreRegionsThanGrid_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureExtractor.Dim(TinyRuns.Image, TinyRuns.Image.GridSize + 1));
        Assert.Equal("pool_regions", error.ParamName);
    }

    [Fact]
    public void Dim_RegionsOnText_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureExtractor.Dim(JepaConfig.Tiny(Modality.Text), 2));
        Assert.Equal("pool_regions", error.ParamName);
    }
}
