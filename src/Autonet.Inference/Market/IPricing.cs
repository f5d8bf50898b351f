using System.Numerics;

namespace Autonet.Inference.Market;

/// <summary>What one request costs, in ATN base units. Flat now (<see cref="FlatPricing"/>); alignment pricing plugs in here.</summary>
public interface IPricing
{
    /// <summary>The price of <paramref name="request"/>; never negative.</summary>
    BigInteger PriceOf(PricedRequest request);
}

/// <summary>What a pricing function may look at: the endpoint ("/v1/kvectors"), the model id and the number of inputs.</summary>
public sealed record PricedRequest(string Endpoint, string Model, int Inputs);
