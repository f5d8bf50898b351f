using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Models.Tests.Examples;

/// <summary>The example in src/Autonet.Models/README.md, compiled and run; a second test keeps the two texts identical.</summary>
public class ReadmeExampleTests
{
    private const string Start = "// --- README example starts ---";
    private const string End = "// --- README example ends ---";

    [Fact]
    public void Readme_OneImageStep_GivesFiniteLossAndGradients()
    {
        // --- README example starts ---
        var config = JepaConfig.Tiny(Modality.Image);                      // 28x28 grey images, 4x4 patches: a 7x7 grid
        var model = new JepaModel(config, seed: 1);
        var random = new SeededRandom(seed: 1234);
        var sets = new ImageMasker(new ImageMaskConfig()).SampleBatch(batchSize: 8, random); // I-JEPA multi-block, one per image
        var masks = JepaMasks.FromSets(sets, random);                      // cut to the batch minimum: rectangular
        var images = Tensor.Zeros(8, 1, config.ImageSize, config.ImageSize); // (B, 1, H, W): your pixels here
        var loss = model.ForwardBackward(JepaInput.FromImages(images), masks, new ActivationArena()); // grads in model.Encoder/Predictor
        model.UpdateTarget(0.996f);                                        // EMA target encoder (after the optimizer step)
        // --- README example ends ---

        Assert.True(float.IsFinite(loss) && loss > 0, $"loss {loss}");
        Assert.True(model.Encoder.GradNorm() > 0, "the context encoder got no gradient");
        Assert.True(model.Predictor.GradNorm() > 0, "the predictor got no gradient");
        Assert.Equal(8, masks.Batch);
    }

    [Fact]
    public void Readme_Snippet_IsTheTestedCode()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "src/Autonet.Models/README.md"));
        var test = File.ReadAllLines(Path.Combine(root, "tests/Autonet.Models.Tests/Examples/ReadmeExampleTests.cs"));

        var fence = Array.IndexOf(readme, "```csharp");
        Assert.True(fence >= 0, "src/Autonet.Models/README.md has no ```csharp block");
        var snippet = readme.Skip(fence + 1).TakeWhile(line => line != "```").Select(line => line.Trim());
        var tested = test.SkipWhile(line => line.Trim() != Start).Skip(1).TakeWhile(line => line.Trim() != End).Select(line => line.Trim());

        // Copy the lines between the markers above into the README's block (or the other way round).
        Assert.Equal(tested, snippet);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Autonet.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}
