using System.Text;
using Autonet.Models.Jepa;

namespace Autonet.Fuzz.Targets;

/// <summary>ModelManifest.Parse: InvalidDataException only, and an accepted config has a defined modality and is within JepaLimits.</summary>
internal sealed class ManifestTarget : FuzzTarget
{
    public override string Name => "manifest";

    public override string Decoder => "ModelManifest.Parse";

    public override void Run(byte[] input)
    {
        try
        {
            var manifest = ModelManifest.Parse(Encoding.UTF8.GetString(input));
            if (!Enum.IsDefined(manifest.Config.Modality))
            {
                throw new InvalidOperationException($"accepted modality {(int)manifest.Config.Modality}");
            }
            if (!(manifest.Config.EstimatedParameters <= JepaLimits.MaxParameters))
            {
                throw new InvalidOperationException($"accepted a config of {manifest.Config.EstimatedParameters} parameters");
            }
        }
        catch (InvalidDataException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new[] { ModelManifest.For(new JepaConfig()), ModelManifest.For(JepaConfig.Tiny(Modality.Text)), ModelManifest.For(JepaConfig.Tiny(Modality.Image) with { VarianceWeight = 1 }) }
            .Select(m => Encoding.UTF8.GetBytes(m.ToJson()));
}
