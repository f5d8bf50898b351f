using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Autonet.Storage.Blobs;

namespace Autonet.Cli.Tests;

/// <summary>
/// `autonet gateway` as an operator runs it: tokens from a file or the environment, quota and loopback trust, an
/// uploader on another address (this machine's own non-loopback one) that needs a token, and bad settings refused
/// with one line that names the flag or variable and never a token.
/// </summary>
public sealed class GatewayCommandTests : IDisposable
{
    private const string Token = "c0ffeec0ffeec0ffeec0ffeec0ffeec0";
    private readonly string _home = Path.Combine(Path.GetTempPath(), $"autonet-gateway-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Gateway_TokensFileOnNonLoopbackHost_UploadsNeedAToken()
    {
        Directory.CreateDirectory(_home);
        var tokens = Path.Combine(_home, "tokens");
        await File.WriteAllTextAsync(tokens, $"# lab nodes\n{Token}\n");
        var own = OwnAddress();
        using var gateway = Start(new Dictionary<string, string>(), "--home", _home, "gateway", "--host", (own ?? IPAddress.Loopback).ToString(), "--port", "0",
            "--upload-tokens-file", tokens, "--upload-quota-bytes", "1000", "--trust-loopback", own is null ? "false" : "true");
        try
        {
            var said = await ReadUntilAsync(gateway, "per client address");
            var address = new Uri(Regex.Match(said, @"http://[0-9.]+:[0-9]+/").Value);
            Assert.Contains("other hosts need one of 1 upload token(s); quota 1,000 bytes per client address", said, StringComparison.Ordinal);

            using var http = new HttpClient();
            var stored = await new HttpBlobStore(http, address, uploadToken: Token).PutAsync("via autonet gateway"u8.ToArray(), CancellationToken.None);
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpBlobStore(http, address).PutAsync(new byte[] { 1 }, CancellationToken.None));
            var overQuota = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpBlobStore(http, address, uploadToken: Token).PutAsync(new byte[2000], CancellationToken.None));

            Assert.Equal("via autonet gateway"u8.ToArray(), await new HttpBlobStore(http, address).GetAsync(stored, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, overQuota.StatusCode);
        }
        finally
        {
            gateway.Kill();
            await gateway.WaitForExitAsync();
        }
        Assert.DoesNotContain(Token, await gateway.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AUTONET_UPLOAD_QUOTA_BYTES", "lots", "AUTONET_UPLOAD_QUOTA_BYTES='lots' is not a number of bytes")]
    [InlineData("AUTONET_TRUST_LOOPBACK", "maybe", "AUTONET_TRUST_LOOPBACK='maybe' is not true or false")]
    [InlineData("AUTONET_UPLOAD_TOKENS", "tooshort1,0123456789abcdef0123", "UploadTokens[0] (9 characters) must be at least 16")]
    public async Task Gateway_BadEnvironment_ExitsOneNamingTheVariableNotTheToken(string variable, string value, string message)
    {
        var (code, output) = await RunAsync(new() { [variable] = value }, "--home", _home, "gateway", "--port", "0");

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_MissingTokensFile_ExitsOneNamingTheFile()
    {
        var (code, output) = await RunAsync([], "--home", _home, "gateway", "--port", "0", "--upload-tokens-file", "/nonexistent/tokens");

        Assert.Equal(1, code);
        Assert.Contains("--upload-tokens-file '/nonexistent/tokens' does not exist", output, StringComparison.Ordinal);
    }

    private static Process Start(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "autonet.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var variable in new[] { BlobGatewayOptions.TokensVariable, BlobGatewayOptions.QuotaVariable, BlobGatewayOptions.TrustLoopbackVariable })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!; // "dotnet" is on PATH wherever the tests run
    }

    private static async Task<(int Code, string Output)> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    // Standard output up to the line with `end`, whitespace collapsed (the console wraps lines at 80 columns).
    private static async Task<string> ReadUntilAsync(Process process, string end)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var said = "";
        while (!said.Contains(end, StringComparison.Ordinal))
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"autonet gateway exited: {said} {await process.StandardError.ReadToEndAsync()}");
            said = Regex.Replace(said + " " + line, @"\s+", " ");
        }
        return said;
    }

    // The first up IPv4 address that is not loopback (e.g. eth0's), or null: then loopback without trust stands in.
    private static IPAddress? OwnAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(u => u.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
