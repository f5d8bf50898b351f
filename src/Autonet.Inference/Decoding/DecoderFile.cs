// A decoder on disk: safetensors with the arena ("decoder.*"), the config as JSON ("autonet.decoder") and the CID
// of the text JEPA whose K-vectors it was trained on ("autonet.plan_model"), so a chat node asks a provider for
// K-vectors of that model and no other. Written to a temp file and renamed.
using Autonet.Tensors.IO;

namespace Autonet.Inference.Decoding;

/// <summary>Saves and loads <see cref="FilmDecoder"/>s.</summary>
public static class DecoderFile
{
    public const string PlanModelKey = "autonet.plan_model";

    public static void Save(string path, FilmDecoder decoder, string planModel)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string> { [DecoderConfig.MetadataKey] = decoder.Config.ToJson(), [PlanModelKey] = planModel };
        var temp = path + ".partial";
        using (var stream = File.Create(temp))
        {
            Safetensors.Write(stream, decoder.Parameters, metadata);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The decoder and the plan model it was trained with.</summary>
    /// <exception cref="InvalidDataException">Not a decoder file: no config, a bad config, a missing tensor or a wrong shape.</exception>
    public static (FilmDecoder Decoder, string PlanModel) Load(string path)
    {
        using var stream = File.OpenRead(path);
        var data = Safetensors.Read(stream);
        if (!data.Metadata.TryGetValue(DecoderConfig.MetadataKey, out var json))
        {
            throw new InvalidDataException($"{path}: no '{DecoderConfig.MetadataKey}' metadata; it is not a decoder (write one with `autonet decoder train`)");
        }
        var decoder = new FilmDecoder(DecoderConfig.Parse(json));
        stream.Position = 0;
        Safetensors.Load(stream, decoder.Parameters);
        return (decoder, data.Metadata.GetValueOrDefault(PlanModelKey, ""));
    }
}
