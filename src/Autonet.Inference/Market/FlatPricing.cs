using System.Numerics;

namespace Autonet.Inference.Market;

/// <summary>The same price for every request, whatever it asks.</summary>
public sealed class FlatPricing : IPricing
{
    public FlatPricing(BigInteger perRequest)
    {
        if (perRequest.Sign < 0)
        {
            Errors.Argument(nameof(perRequest), $"a price per request is at least 0 ATN base units, got {perRequest}");
        }
        PerRequest = perRequest;
    }

    public BigInteger PerRequest { get; }

    public BigInteger PriceOf(PricedRequest request) => PerRequest;
}
