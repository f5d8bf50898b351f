using Autonet.Core;

namespace Autonet.Protocol;

/// <summary>
/// A protocol rule does not hold for the given input (an aggregation precondition, a bad update,
/// a role asked to act in the wrong phase); the message names the rule, the value and the bound.
/// </summary>
public sealed class ProtocolException : AutonetException
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message) : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
