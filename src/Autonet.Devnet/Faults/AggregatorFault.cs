namespace Autonet.Devnet.Faults;

/// <summary>How a dishonest aggregator misbehaves (`--aggregator-attack`, devnet.json "aggregatorFault").</summary>
public enum AggregatorFault
{
    /// <summary>Publishes base − aggregate instead of base + aggregate: a well-formed model that is not the task's aggregate.</summary>
    PublishWrong,

    /// <summary>Publishes its model, then a second one for the same task (the contract refuses the second).</summary>
    PublishTwice,
}
