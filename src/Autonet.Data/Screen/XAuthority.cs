// The MIT-MAGIC-COOKIE-1 for a local display, from the Xauthority file ($XAUTHORITY, else ~/.Xauthority). The file is
// a list of records, each five fields: family (CARD16, big-endian), then address, display number, auth name and auth
// data, each a big-endian CARD16 length and that many bytes (Xau library, AuRead). A local connection matches family
// FamilyLocal (256) with this host's name, or FamilyWild (65535); the display field is the number in ASCII.
using System.Buffers.Binary;
using System.Text;

namespace Autonet.Data.Screen;

/// <summary>Finds the authorization a local X server expects; none when the file or a matching record is absent.</summary>
public static class XAuthority
{
    public const string CookieName = "MIT-MAGIC-COOKIE-1";

    /// <summary>Largest Xauthority file read (a real one is a few hundred bytes).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The default file: $XAUTHORITY, else ~/.Xauthority.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("XAUTHORITY") is { Length: > 0 } path ? path : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".Xauthority");

    /// <summary>The (name, data) to send for display <paramref name="number"/>, or null to connect without authorization.</summary>
    public static (string Name, byte[] Data)? Find(string path, int number, string? hostName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path) || new FileInfo(path).Length > MaxFileBytes)
        {
            return null;
        }
        return Find(File.ReadAllBytes(path), number, hostName ?? Environment.MachineName);
    }

    /// <summary>The matching cookie in the bytes of an Xauthority file; a truncated record ends the search.</summary>
    public static (string Name, byte[] Data)? Find(ReadOnlySpan<byte> file, int number, string hostName)
    {
        var wanted = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (file.Length >= 2)
        {
            var family = BinaryPrimitives.ReadUInt16BigEndian(file);
            file = file[2..];
            if (!TryField(ref file, out var address) || !TryField(ref file, out var display) || !TryField(ref file, out var name) || !TryField(ref file, out var data))
            {
                return null;
            }
            var local = family == 65535 || (family == 256 && Encoding.ASCII.GetString(address) == hostName);
            var sameDisplay = display.IsEmpty || Encoding.ASCII.GetString(display) == wanted;
            if (local && sameDisplay && Encoding.ASCII.GetString(name) == CookieName)
            {
                return (CookieName, data.ToArray());
            }
        }
        return null;
    }

    private static bool TryField(ref ReadOnlySpan<byte> file, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (file.Length < 2)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(file);
        if (file.Length < 2 + length)
        {
            return false;
        }
        field = file.Slice(2, length);
        file = file[(2 + length)..];
        return true;
    }
}
