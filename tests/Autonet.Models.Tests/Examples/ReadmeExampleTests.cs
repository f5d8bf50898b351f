using Autonet.Core.Randomness;
using Autonet.Data.Text;
using Autonet.Models.Masking;

namespace Autonet.Models.Tests.Examples;

/// <summary>The README example, compiled and run.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_Runs()
    {
        var window = SlidingWindows.Cut(ByteTokenizer.Encode("a short conversation turn, padded to 64", addBosEos: true), 64, 64, "x").Single();

        var random = new SeededRandom(seed: 1234);
        var images = new ImageMasker(new ImageMaskConfig()).SampleBatch(batchSize: 128, random);
        var text = new TextMasker(new TextMaskConfig()).Sample(window.AttentionMask(), random);

        Assert.Equal(128, images.Length);
        Assert.All(text.Context.Concat(text.AllTargets()), p => Assert.InRange(p, 0, window.Length - 1));
    }
}
