// Reader for the IDX format of (Fashion-)MNIST (LeCun, http://yann.lecun.com/exdb/mnist/): a 4-byte magic
// 0x00 0x00 <type> <ndims>, then ndims big-endian int32 dimensions, then the data row-major. We read only
// type 0x08 (unsigned byte), gzip-compressed or plain. Not a general IDX library: other element types are rejected.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Autonet.Data.Images;

/// <summary>One IDX array of unsigned bytes: its dimensions and its data, validated against each other.</summary>
public sealed class IdxFile
{
    /// <summary>Magic of an image file: ubyte elements, 3 dimensions (count, rows, cols).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic of a label file: ubyte elements, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private IdxFile(int magic, int[] dimensions, byte[] data)
    {
        Magic = magic;
        Dimensions = dimensions;
        Data = data;
    }

    public int Magic { get; }

    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>All elements, row-major; length is the product of the dimensions.</summary>
    public byte[] Data { get; }

    /// <summary>Reads an IDX file (gzip if its name ends in .gz) and checks magic, dimensions and length.</summary>
    /// <param name="path">file path</param>
    /// <param name="expectedMagic">ImagesMagic or LabelsMagic</param>
    /// <param name="maxItems">read at most this many items along the first dimension (null: all)</param>
    /// <exception cref="InvalidDataException">wrong magic, bad dimensions, truncated or trailing data</exception>
    public static IdxFile Read(string path, int expectedMagic, int? maxItems = null)
    {
        if (!File.Exists(path))
        {
            Errors.MissingFile(path, "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass another directory");
        }
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        try
        {
            return Read(stream, path, expectedMagic, maxItems);
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith("IDX file", StringComparison.Ordinal))
        {
            // GZipStream reports a corrupt deflate stream as InvalidDataException without the path.
            throw Errors.IdxError(path, $"gzip stream is corrupt: {ex.Message}", "re-install dataset-fashion-mnist", ex);
        }
    }

    /// <summary>Reads an IDX array from an already opened (decompressed) stream; name is used in errors.</summary>
    public static IdxFile Read(Stream stream, string name, int expectedMagic, int? maxItems = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> word = stackalloc byte[4];
        if (!TryFill(stream, word))
        {
            Errors.Idx(name, "shorter than the 4-byte magic number");
        }
        var magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
        {
            Errors.Idx(name, $"magic 0x{magic:X8} != expected 0x{expectedMagic:X8}", "images use 0x00000803, labels 0x00000801; is this the right file?");
        }
        var rank = magic & 0xFF;
        var dimensions = new int[rank];
        long total = 1;
        for (var i = 0; i < rank; i++)
        {
            if (!TryFill(stream, word))
            {
                Errors.Idx(name, $"header ends before dimension {i} of {rank}");
            }
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dimensions[i] <= 0)
            {
                Errors.Idx(name, $"dimension {i} is {dimensions[i]}; every dimension must be positive");
            }
            total *= dimensions[i];
            if (total > Array.MaxLength)
            {
                Errors.Idx(name, $"dimensions [{string.Join(", ", dimensions[..(i + 1)])}] hold more than {Array.MaxLength} bytes");
            }
        }
        var itemSize = total / dimensions[0];
        var items = maxItems is { } limit ? Math.Min(limit, dimensions[0]) : dimensions[0];
        var data = new byte[items * itemSize];
        if (!TryFill(stream, data))
        {
            Errors.Idx(name, $"data is truncated: header promises {total} bytes", "the download or the package is damaged");
        }
        if (items == dimensions[0] && stream.ReadByte() != -1)
        {
            Errors.Idx(name, $"trailing bytes after the {total} data bytes the header promises");
        }
        dimensions[0] = items;
        return new IdxFile(magic, dimensions, data);
    }

    private static bool TryFill(Stream stream, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
