namespace Autonet.Fuzz;

/// <summary>A decoder allocated more than the contract allows for one input: a crash as far as AFL++ is concerned.</summary>
public sealed class AllocationContractException : Exception
{
    public AllocationContractException()
    {
    }

    public AllocationContractException(string message) : base(message)
    {
    }

    public AllocationContractException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
