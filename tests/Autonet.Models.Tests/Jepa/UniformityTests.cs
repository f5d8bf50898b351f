using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class UniformityTests
{
    [Fact]
    public void Forward_Gradient_MatchesFiniteDifferences()
    {
        const int m = 6, c = 4;
        var random = new Random(17);
        var x = Enumerable.Range(0, m * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var dx = new float[x.Length];
        Uniformity.Forward(x, dx, m, c, 0.7f);
        Assert.Contains(dx, g => Math.Abs(g) > 1e-3); // a zero gradient would pass the comparison below trivially
        for (var i = 0; i < x.Length; i++)
        {
            var saved = x[i];
            x[i] = saved + 1e-3f;
            var up = Uniformity.Forward(x, new float[x.Length], m, c, 0.7f);
            x[i] = saved - 1e-3f;
            var down = Uniformity.Forward(x, new float[x.Length], m, c, 0.7f);
            x[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dx[i]) < 2e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dx[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_ClusteredRows_ScoreHigherThanSpreadOnesAndStepApart()
    {
        const int m = 8, c = 8;
        var random = new Random(4);
        var spread = new float[m * c]; // +-e_k: centred, as far apart as 8 points in 8 dimensions get
        for (var i = 0; i < m; i++)
        {
            spread[(i * c) + (i / 2)] = i % 2 == 0 ? 1 : -1;
        }
        var clustered = new float[m * c]; // half the rows near one point, half near its opposite: two hubs
        for (var i = 0; i < m; i++)
        {
            for (var k = 0; k < c; k++)
            {
                clustered[(i * c) + k] = (k == 0 ? (i % 2 == 0 ? 1 : -1) : 0) + (float)(0.05 * (random.NextDouble() - 0.5));
            }
        }
        var (spreadLoss, clusteredLoss) = (Uniformity.Forward(spread, new float[m * c], m, c, 1), Uniformity.Forward(clustered, new float[m * c], m, c, 1));
        Assert.True(clusteredLoss > spreadLoss + 1, $"clustered {clusteredLoss}, spread {spreadLoss}");
        var dx = new float[m * c];
        Uniformity.Forward(clustered, dx, m, c, 1);
        var stepped = clustered.Select((v, i) => v - (0.05f * dx[i])).ToArray(); // a small descent step spreads them
        Assert.True(Uniformity.Forward(stepped, new float[m * c], m, c, 1) < clusteredLoss);
        Assert.Equal(0f, Uniformity.Forward(clustered, new float[m * c], m, c, 0));
    }

    [Fact]
    public void Forward_OneRow_ThrowsNamingX()
    {
        var error = Assert.Throws<ArgumentException>(() => Uniformity.Forward(new float[4], new float[4], 1, 4, 1f));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("at least 2 rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Forward_BadWeight_ThrowsNamingWeight(float weight)
    {
        var error = Assert.Throws<ArgumentException>(() => Uniformity.Forward(new float[8], new float[8], 2, 4, weight));
        Assert.Equal("weight", error.ParamName);
        Assert.Contains("finite and >= 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Modality.Image, 0.5f)]
    [InlineData(Modality.Multimodal, -0.5f)]
    [InlineData(Modality.Multimodal, float.NaN)]
    public void Validate_BadUniformityWeight_ThrowsNamingIt(Modality modality, float weight)
    {
        var config = JepaConfig.Tiny(modality) with { UniformityWeight = weight };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal("uniformity_weight", error.ParamName);
        Assert.Contains(weight.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Modality.Image, 1f)]
    [InlineData(Modality.Multimodal, 0f)]
    public void Validate_LearnedTemperatureWithoutInfoNce_ThrowsNamingIt(Modality modality, float alignmentWeight)
    {
        var config = JepaConfig.Tiny(modality) with { LearnedTemperature = true, AlignmentWeight = alignmentWeight };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(modality == Modality.Image ? "alignment_weight" : "learned_temperature", error.ParamName); // an image model fails the weight's own rule first
    }

    [Fact]
    public void Manifest_UniformityWeight_OmittedWhenOffAndRoundTrips()
    {
        var off = JepaConfig.Tiny(Modality.Multimodal) with { ImageSize = 16, PatchSize = 8 };
        Assert.DoesNotContain("uniformity", ModelManifest.For(off).ToJson(), StringComparison.Ordinal); // older manifests (and CIDs) unchanged
        Assert.Equal(0f, ModelManifest.Parse(ModelManifest.For(off).ToJson()).Config.UniformityWeight);
        var on = off with { UniformityWeight = 0.25f };
        Assert.Contains("\"uniformity_weight\":0.25", ModelManifest.For(on).ToJson(), StringComparison.Ordinal);
        Assert.Equal(0.25f, ModelManifest.Parse(ModelManifest.For(on).ToJson()).Config.UniformityWeight);
    }
}
