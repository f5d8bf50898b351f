using System.Text;
using Autonet.Tensors;
using Autonet.Tensors.IO;

namespace Autonet.Fuzz.Targets;

/// <summary>Safetensors.Read from a seekable and from a non-seekable stream: InvalidDataException only.</summary>
internal sealed class SafetensorsTarget : FuzzTarget
{
    public override string Name => "safetensors";

    public override string Decoder => "Safetensors.Read";

    public override void Run(byte[] input)
    {
        foreach (var stream in new Stream[] { new MemoryStream(input, writable: false), new ForwardOnlyStream(input) })
        {
            try
            {
                var data = Safetensors.Read(stream);
                foreach (var (_, tensor) in data.Tensors)
                {
                    var count = tensor.Shape.Aggregate(1L, (a, d) => a * d);
                    if (count != tensor.Length)
                    {
                        throw new InvalidOperationException($"shape product {count} != length {tensor.Length}");
                    }
                }
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        using var written = new MemoryStream();
        Safetensors.Write(written, [new("w", new Tensor([1f, 2f, 3f, 4f, 5f, 6f], 0, 2, 3)), new("b", new Tensor([0.5f], 0, 1))], new Dictionary<string, string> { ["step"] = "7" });
        yield return written.ToArray();
        foreach (var (dtype, size) in new[] { ("F16", 2), ("BF16", 2), ("F64", 8), ("I8", 1), ("U8", 1), ("I16", 2), ("I32", 4), ("I64", 8), ("BOOL", 1) })
        {
            var header = Encoding.UTF8.GetBytes($"{{\"x\":{{\"dtype\":\"{dtype}\",\"shape\":[2,1],\"data_offsets\":[0,{2 * size}]}}}}");
            yield return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. Enumerable.Repeat((byte)1, 2 * size)];
        }
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
