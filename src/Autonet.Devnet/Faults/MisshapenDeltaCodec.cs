// The `shape` attack's codec: an honest JepaCodec except that a delta is written with its first tensor flattened to
// 1-D (same values and size, wrong shape), so the scenarios show coordinators refuse a misshapen delta.
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Devnet.Faults;

/// <summary>Writes deltas whose first tensor has a wrong shape; everything else is the honest codec.</summary>
public sealed class MisshapenDeltaCodec : HonestCodecExceptDeltas
{
    public override byte[] EncodeDelta(IModel baseModel, float[] delta)
    {
        var layout = JepaBase.Of(baseModel);
        var offset = 0;
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, t) in JepaCheckpoint.ModelTensors(layout))
        {
            tensors.Add(new(name, new Tensor(delta, offset, offset == 0 ? [t.Length] : t.Shape)));
            offset += t.Length;
        }
        var metadata = new Dictionary<string, string> { [ModelManifest.MetadataKey] = ModelManifest.For(layout.Config).ToJson(), [WeightDelta.KindKey] = WeightDelta.KindValue };
        using var stream = new MemoryStream();
        Safetensors.Write(stream, tensors, metadata);
        return stream.ToArray();
    }
}
