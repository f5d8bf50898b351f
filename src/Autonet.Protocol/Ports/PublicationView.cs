using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// A task's published model in its challenge window, as the chain reports it: the model's CID as published (a string:
/// the chain does not check it parses), its aggregator, when challenges close and when the window may settle, whether it
/// settled (the model is final) and was replaced, and every challenge so far.
/// </summary>
public sealed record PublicationView(
    ulong TaskId, string Model, Address Aggregator, DateTimeOffset ClosesAt, DateTimeOffset SettleAfter, bool Settled, bool Replaced,
    IReadOnlyList<ChallengeView> Challenges);
