namespace Autonet.Core;

/// <summary>Base of every exception Autonet throws on purpose; the message names the value and the rule.</summary>
public class AutonetException : Exception
{
    public AutonetException()
    {
    }

    public AutonetException(string message) : base(message)
    {
    }

    public AutonetException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
