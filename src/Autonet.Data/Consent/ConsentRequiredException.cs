using Autonet.Core;

namespace Autonet.Data.Consent;

/// <summary>
/// A command was asked to read the user's own data (agent conversations, execution records, screen frames) and the
/// user has not opted in. The message is one line that names the folder, the key and the command that opts in.
/// </summary>
public sealed class ConsentRequiredException : AutonetException
{
    public ConsentRequiredException(string message)
        : base(message)
    {
    }

    public ConsentRequiredException()
    {
    }

    public ConsentRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
