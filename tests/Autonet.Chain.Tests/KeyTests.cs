using Autonet.Chain.Crypto;

namespace Autonet.Chain.Tests;

public class KeyTests
{
    private const string DevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public void ToString_Key_RedactsSecret()
    {
        using var key = SigningKey.Parse(DevKey);
        Assert.Equal("SigningKey(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, secret redacted)", key.ToString());
        Assert.DoesNotContain("ac0974", key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")] // n itself
    [InlineData("zz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")]
    public void Parse_Invalid_ThrowsWithoutEchoingText(string text)
    {
        var error = Assert.Throws<FormatException>(() => SigningKey.Parse(text));
        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFile_SaveThenLoad_OwnerOnlyAndRoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"autonet-key-{Guid.NewGuid():N}");
        try
        {
            using var key = SigningKey.Parse(DevKey);
            KeyFile.Save(path, key);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
            using var loaded = KeyFile.Load(path);
            Assert.Equal(key.Address, loaded.Address);
            Assert.Throws<IOException>(() => KeyFile.Save(path, key));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void KeyFile_ReadableByOthers_RefusedWithChmodHint()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = Path.Combine(Path.GetTempPath(), $"autonet-key-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, DevKey);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var error = Assert.Throws<ChainException>(() => KeyFile.Load(path));
            Assert.Contains($"run `chmod 600 {path}`", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ac0974", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
