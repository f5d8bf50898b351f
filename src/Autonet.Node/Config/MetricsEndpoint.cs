using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Autonet.Node.Config;

/// <summary>The metrics.listen value: an IP address and a port, e.g. 0.0.0.0:9464 or [::1]:9464.</summary>
public static class MetricsEndpoint
{
    /// <summary>Parses HOST:PORT with an IP address (no names: the node binds it) and a port in 0..65535.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint) =>
        IPEndPoint.TryParse(text ?? "", out endpoint) && HasPort(text!);

    // IPEndPoint.TryParse reads "10.0.0.2" as port 0; a listen address must say its port.
    private static bool HasPort(string text) => text.StartsWith('[') ? text.Contains("]:", StringComparison.Ordinal) : text.Count(c => c == ':') == 1;
}
