namespace Autonet.Core;

/// <summary>
/// The one place that names how many bytes Autonet accepts from a stranger per item, so every decoder's memory is
/// bounded by a number a reader can find. Decoders refuse larger input before allocating for it. These are limits on
/// untrusted input, not targets: anything we produce ourselves is far smaller (a checkpoint of the reference config
/// is about 3 MB, a manifest about 400 characters).
/// </summary>
public static class SizeLimits
{
    /// <summary>A stored or fetched blob (a model, a delta, a shard): 4 GiB.</summary>
    public const long BlobBytes = 4L << 30;

    /// <summary>A safetensors JSON header: 100 MB, the reference implementation's own limit.</summary>
    public const long SafetensorsHeaderBytes = 100_000_000;

    /// <summary>A model manifest's JSON text (characters): 64 Ki.</summary>
    public const int ManifestChars = 64 * 1024;

    /// <summary>One JSON-RPC reply body: 64 MiB (an eth_getLogs over many blocks is the largest we read).</summary>
    public const int RpcReplyBytes = 64 << 20;

    /// <summary>One ABI length word (bytes, string or array elements) in return, log or revert data: 16 Mi.</summary>
    public const int AbiLength = 1 << 24;
}
