// Served models from bytes: a checkpoint file on disk or a published model's bytes (already verified by the caller
// against the chain). Both are decoded through Training's ModelBytes.TryDeserialize (names, shapes and manifest
// checked), and their id is the CID of the bytes, which is how a decoder names the plan model it was trained on.
using Autonet.Core.Ids;
using Autonet.Training.Jepa;

namespace Autonet.Inference.Serving;

/// <summary>Decodes model bytes into <see cref="ServedModel"/>s.</summary>
public static class ModelLoader
{
    /// <exception cref="InvalidDataException">The file is not an Autonet JEPA model; the message says why.</exception>
    public static ServedModel FromFile(string path, string? id = null)
    {
        var bytes = File.ReadAllBytes(path);
        return FromBytes(bytes, id ?? Path.GetFileNameWithoutExtension(path), $"file:{Path.GetFullPath(path)}");
    }

    /// <exception cref="InvalidDataException">The bytes are not an Autonet JEPA model.</exception>
    public static ServedModel FromBytes(byte[] bytes, string id, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!ModelBytes.TryDeserialize(bytes, out var model, out var reason))
        {
            Errors.Format(source, reason);
        }
        var cid = ContentId.Of(bytes);
        return new ServedModel(id, model, $"{source} cid:{cid}", DateTimeOffset.UtcNow.ToUnixTimeSeconds()) { Cid = cid };
    }
}
