using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// An in-memory stand-in for ModelChallenges' windows, with the rules ChallengerRole relies on: one window per published
/// task model, challenges only until it closes and never by its aggregator or twice by one account, one vote per
/// account and challenge within its vote window, settlement only after every deadline. The real contract is tested on
/// anvil (contracts/test/ModelChallenges.test.mjs, tests/Autonet.Scenarios/AggregatorScenarioTests.cs).
/// </summary>
internal sealed class FakeChallenges(FakeContract contract, TimeProvider clock)
{
    private readonly Dictionary<ulong, Window> _windows = [];
    private readonly FakeContract _contract = contract;
    private readonly TimeProvider _clock = clock;

    public TimeSpan ChallengeWindow { get; init; } = TimeSpan.FromHours(1);

    public List<(ulong TaskId, Address Challenger, ContentId Model)> Challenges { get; } = [];

    public List<(ulong TaskId, int Index, Address Voter, bool Upheld)> Votes { get; } = [];

    public List<ulong> Settled { get; } = [];

    /// <summary>Opens the window of <paramref name="taskId"/>'s published model (what Project.publishModel does on chain).</summary>
    public void Open(ulong taskId, Address aggregator) => _windows[taskId] = new Window(aggregator, _clock.GetUtcNow() + ChallengeWindow);

    public IModelChallengeChain For(Address account) => new View(this, account);

    private sealed record Window(Address Aggregator, DateTimeOffset ClosesAt)
    {
        public DateTimeOffset SettleAfter { get; set; } = ClosesAt;

        public bool Settled { get; set; }
    }

    private sealed class View(FakeChallenges owner, Address account) : IModelChallengeChain
    {
        public Address Account => account;

        public Task<PublicationView?> ReadPublicationAsync(ulong taskId, CancellationToken cancellationToken)
        {
            if (!owner._windows.TryGetValue(taskId, out var w))
            {
                return Task.FromResult<PublicationView?>(null);
            }
            var challenges = owner.Challenges.Where(c => c.TaskId == taskId).Select((c, i) => new ChallengeView(
                i, c.Challenger, c.Model.ToString(), w.ClosesAt + owner.ChallengeWindow, owner.Votes.Any(v => v.TaskId == taskId && v.Index == i && v.Voter == account))).ToList();
            var published = owner._contract.Read(taskId).PublishedModel!.Value.ToString();
            return Task.FromResult<PublicationView?>(new PublicationView(taskId, published, w.Aggregator, w.ClosesAt, w.SettleAfter, w.Settled, false, challenges));
        }

        public Task ChallengeAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken)
        {
            var w = owner._windows[taskId];
            Require(owner._clock.GetUtcNow() <= w.ClosesAt, "WindowClosed");
            Require(account != w.Aggregator, "ConflictOfInterest");
            Require(!owner.Challenges.Any(c => c.TaskId == taskId && c.Challenger == account), "one challenge per account here");
            owner.Challenges.Add((taskId, account, model));
            w.SettleAfter = w.ClosesAt + owner.ChallengeWindow;
            return Task.CompletedTask;
        }

        public Task VoteAsync(ulong taskId, int index, bool upheld, CancellationToken cancellationToken)
        {
            Require(!owner.Votes.Any(v => v.TaskId == taskId && v.Index == index && v.Voter == account), "AlreadyVoted");
            owner.Votes.Add((taskId, index, account, upheld));
            return Task.CompletedTask;
        }

        public Task SettleAsync(ulong taskId, CancellationToken cancellationToken)
        {
            var w = owner._windows[taskId];
            Require(owner._clock.GetUtcNow() > w.SettleAfter, "WindowStillOpen");
            Require(!w.Settled, "AlreadySettled");
            w.Settled = true;
            owner.Settled.Add(taskId);
            return Task.CompletedTask;
        }

        private static void Require(bool condition, string error)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"ModelChallenges reverted: {error}");
            }
        }
    }
}
