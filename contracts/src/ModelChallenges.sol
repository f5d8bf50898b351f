// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Challenge windows of published models. Every model Project publishes for a settled task opens a window here, and its
// aggregator's bond and Aggregator stake are held until the window settles. Aggregation is deterministic (same rule,
// same accepted deltas, same order), so any staked account that recomputes the aggregate and gets other bytes may
// challenge with a bond, naming the model it computed. Resolution is a re-execution vote, not a fraud proof: staked
// coordinators other than the aggregator and the challenger recompute and vote, weighted by stake, and a challenge is
// upheld by a strict majority of the stake that voted in its vote window. What it trusts: that the coordinator stake
// which votes is honest in majority. `settle`, open to anyone once the window and every vote window closed, resolves
// every challenge (so none stays open): the first upheld one replaces the model and takes the aggregator's bond, and
// the aggregator is slashed; other upheld ones get their bond back; a rejected one's bond goes to the project budget;
// one nobody voted on gets its bond back (no evidence either way).

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {IProject} from "./interfaces/IProject.sol";
import {ITaskContract, TaskState} from "./interfaces/ITaskContract.sol";
import {Role} from "./interfaces/Role.sol";

/// @title ModelChallenges
/// @notice Aggregator bonds, challenge windows and re-execution votes for published models.
contract ModelChallenges {
    using SafeERC20 for IERC20;

    /// @notice How a challenge ended (ABI: uint8).
    enum Outcome {
        Pending,
        Upheld,
        Rejected,
        Unresolved
    }

    /// @notice The challenge window of one published model (project round).
    struct Window {
        uint256 taskId;
        address aggregator;
        uint256 bond;
        uint64 closesAt;
        uint64 settleAfter;
        bool opened;
        bool settled;
        bool replaced;
    }

    /// @notice One challenge: the model its challenger computed instead, and the stake that voted on it.
    struct Challenge {
        address challenger;
        string cid;
        bytes32 merkleRoot;
        uint64 voteDeadline;
        uint256 upheldStake;
        uint256 rejectedStake;
        Outcome outcome;
    }

    /// @notice Bond an aggregator posts with each task's model (ATN base units).
    uint256 public constant AGGREGATOR_BOND = 100 ether;
    /// @notice Bond a challenger posts (ATN base units).
    uint256 public constant CHALLENGE_BOND = 10 ether;
    /// @notice Most challenges one model accepts (bounds `settle`'s loop).
    uint256 public constant MAX_CHALLENGES = 4;
    /// @notice Share of the aggregator's stake slashed when a challenge of its model is upheld (bps).
    uint16 public constant SLASH_SHARE = 1_000;
    /// @notice Shortest challenge or vote window: two blocks of a dev chain at one block a second (as TaskContract).
    uint64 public constant MIN_WINDOW = 2 seconds;
    /// @notice Longest challenge or vote window.
    uint64 public constant MAX_WINDOW = 30 days;

    /// @notice The bond token (ATN).
    IERC20 public immutable token;
    /// @notice Stakes that gate challengers and weight votes; this contract holds and slashes aggregators.
    IParticipantStaking public immutable staking;
    /// @notice The task lifecycle (a model is published only for a settled task of its project).
    ITaskContract public immutable tasks;
    /// @notice The model registry that opens windows here.
    IProject public immutable project;
    /// @notice How long after a publish challenges are accepted (seconds).
    uint64 public immutable challengeWindow;
    /// @notice How long after a challenge coordinators may vote on it (seconds).
    uint64 public immutable voteWindow;

    mapping(uint256 projectId => mapping(uint256 round => Window)) private _windows;
    mapping(uint256 projectId => mapping(uint256 round => Challenge[])) private _challenges;
    mapping(bytes32 ballot => bool) private _voted;

    /// @notice Emitted when the model of `round` (the aggregate of `taskId`) opened its challenge window.
    event WindowOpened(uint256 indexed projectId, uint256 indexed round, uint256 indexed taskId, address aggregator, uint256 bond, uint64 closesAt);
    /// @notice Emitted when `challenger` challenged the model of `round` with the model it computed.
    event ModelChallenged(
        uint256 indexed projectId, uint256 indexed round, uint256 index, address indexed challenger, string cid, bytes32 merkleRoot, uint64 voteDeadline
    );
    /// @notice Emitted when `coordinator` voted on challenge `index` of `round` with `stake` weight.
    event ChallengeVoted(uint256 indexed projectId, uint256 indexed round, uint256 index, address indexed coordinator, bool upheld, uint256 stake);
    /// @notice Emitted per challenge at settlement; `paid` went to its challenger.
    event ChallengeResolved(uint256 indexed projectId, uint256 indexed round, uint256 index, address indexed challenger, Outcome outcome, uint256 paid);
    /// @notice Emitted when the window of `round` settled; the model is final from now on.
    event WindowSettled(uint256 indexed projectId, uint256 indexed round, address indexed aggregator, bool replaced, uint256 slashed);

    /// @notice `caller` is not Project.
    error NotProject(address caller);
    /// @notice An address is zero.
    error ZeroAddress();
    /// @notice The window `window` is outside [MIN_WINDOW, MAX_WINDOW].
    error WindowOutOfRange(uint64 window, uint64 minimum, uint64 maximum);
    /// @notice Task `taskId` is in `current`; a model is published only once its task is Settled.
    error TaskNotSettled(uint256 taskId, TaskState current);
    /// @notice Task `taskId` belongs to project `taskProject`, not `projectId`.
    error TaskOfOtherProject(uint256 taskId, uint256 projectId, uint256 taskProject);
    /// @notice No challenge window was opened for `round` of `projectId`.
    error UnknownWindow(uint256 projectId, uint256 round);
    /// @notice The window of `round` closed at `closesAt`; it is `nowTime`.
    error WindowClosed(uint256 projectId, uint256 round, uint64 closesAt, uint64 nowTime);
    /// @notice The window of `round` (or a vote window in it) is open until `settleAfter`; it is `nowTime`.
    error WindowStillOpen(uint256 projectId, uint256 round, uint64 settleAfter, uint64 nowTime);
    /// @notice The window of `round` is already settled.
    error AlreadySettled(uint256 projectId, uint256 round);
    /// @notice `account` holds no active stake in any role.
    error NotStaked(address account);
    /// @notice `account` is the model's aggregator or the challenger and may not challenge or vote on it.
    error ConflictOfInterest(address account);
    /// @notice The challenge names an empty CID or a zero Merkle root.
    error EmptyModel();
    /// @notice The challenge names `cid`, the model already published.
    error SameModel(string cid);
    /// @notice `round` already has MAX_CHALLENGES challenges.
    error TooManyChallenges(uint256 projectId, uint256 round, uint256 maximum);
    /// @notice `round` has no challenge `index`.
    error UnknownChallenge(uint256 projectId, uint256 round, uint256 index);
    /// @notice Votes on challenge `index` closed at `deadline`; it is `nowTime`.
    error VoteClosed(uint256 projectId, uint256 round, uint256 index, uint64 deadline, uint64 nowTime);
    /// @notice `account` lacks an active Coordinator stake.
    error NotCoordinator(address account);
    /// @notice `account` already voted on challenge `index`.
    error AlreadyVoted(uint256 projectId, uint256 round, uint256 index, address account);

    /// @param token_ The ATN token.
    /// @param staking_ ParticipantStaking (this contract must be an authorized slasher, to hold and slash aggregators).
    /// @param tasks_ TaskContract.
    /// @param project_ Project (must point back here via setChallenges).
    /// @param challengeWindow_ Seconds after a publish during which challenges are accepted.
    /// @param voteWindow_ Seconds after a challenge during which coordinators vote on it.
    constructor(IERC20 token_, IParticipantStaking staking_, ITaskContract tasks_, IProject project_, uint64 challengeWindow_, uint64 voteWindow_) {
        if (address(token_) == address(0) || address(staking_) == address(0) || address(tasks_) == address(0) || address(project_) == address(0)) {
            revert ZeroAddress();
        }
        _checkWindow(challengeWindow_);
        _checkWindow(voteWindow_);
        token = token_;
        staking = staking_;
        tasks = tasks_;
        project = project_;
        challengeWindow = challengeWindow_;
        voteWindow = voteWindow_;
    }

    /// @notice Opens the challenge window of the model Project just stored as `round`, the aggregate of `taskId`:
    /// checks the task is settled and the project's, pulls the aggregator's bond (it must have approved this contract)
    /// and holds its Aggregator stake until settlement. Only Project.
    function open(uint256 projectId, uint256 round, uint256 taskId, address aggregator) external {
        if (msg.sender != address(project)) revert NotProject(msg.sender);
        TaskState state = tasks.stateOf(taskId);
        if (state != TaskState.Settled) revert TaskNotSettled(taskId, state);
        uint256 taskProject = tasks.projectOf(taskId);
        if (taskProject != projectId) revert TaskOfOtherProject(taskId, projectId, taskProject);
        uint64 closesAt = uint64(block.timestamp) + challengeWindow;
        _windows[projectId][round] = Window(taskId, aggregator, AGGREGATOR_BOND, closesAt, closesAt, true, false, false);
        emit WindowOpened(projectId, round, taskId, aggregator, AGGREGATOR_BOND, closesAt);
        staking.hold(aggregator, Role.Aggregator);
        token.safeTransferFrom(aggregator, address(this), AGGREGATOR_BOND);
    }

    /// @notice Challenges the model of `round`: the caller recomputed the task's aggregate and got `cid` (its shards'
    /// root `merkleRoot`). Needs an active stake in any role and CHALLENGE_BOND (approve this contract), before the
    /// window closes; never by the model's aggregator.
    /// @return index The challenge's index in `round`.
    function challenge(uint256 projectId, uint256 round, string calldata cid, bytes32 merkleRoot) external returns (uint256 index) {
        Window storage w = _openWindow(projectId, round);
        if (block.timestamp > w.closesAt) revert WindowClosed(projectId, round, w.closesAt, uint64(block.timestamp));
        if (!_isStaked(msg.sender)) revert NotStaked(msg.sender);
        if (msg.sender == w.aggregator) revert ConflictOfInterest(msg.sender);
        if (bytes(cid).length == 0 || merkleRoot == bytes32(0)) revert EmptyModel();
        if (keccak256(bytes(cid)) == keccak256(bytes(project.modelCidAt(projectId, round)))) revert SameModel(cid);
        Challenge[] storage list = _challenges[projectId][round];
        if (list.length >= MAX_CHALLENGES) revert TooManyChallenges(projectId, round, MAX_CHALLENGES);
        uint64 voteDeadline = uint64(block.timestamp) + voteWindow;
        if (voteDeadline > w.settleAfter) w.settleAfter = voteDeadline;
        index = list.length;
        list.push(Challenge(msg.sender, cid, merkleRoot, voteDeadline, 0, 0, Outcome.Pending));
        emit ModelChallenged(projectId, round, index, msg.sender, cid, merkleRoot, voteDeadline);
        token.safeTransferFrom(msg.sender, address(this), CHALLENGE_BOND);
    }

    /// @notice Votes on challenge `index` of `round`: `upheld` when the caller's own recomputation gave the
    /// challenger's model. Needs an active Coordinator stake (its size weights the vote), once per challenge, within
    /// its vote window; never by the aggregator or the challenger.
    function vote(uint256 projectId, uint256 round, uint256 index, bool upheld) external {
        Window storage w = _openWindow(projectId, round);
        Challenge storage c = _challenge(projectId, round, index);
        if (block.timestamp > c.voteDeadline) revert VoteClosed(projectId, round, index, c.voteDeadline, uint64(block.timestamp));
        if (!staking.isActive(msg.sender, Role.Coordinator)) revert NotCoordinator(msg.sender);
        if (msg.sender == w.aggregator || msg.sender == c.challenger) revert ConflictOfInterest(msg.sender);
        bytes32 ballot = keccak256(abi.encode(projectId, round, index, msg.sender));
        if (_voted[ballot]) revert AlreadyVoted(projectId, round, index, msg.sender);
        _voted[ballot] = true;
        uint256 stake = staking.stakeOf(msg.sender, Role.Coordinator);
        if (upheld) c.upheldStake += stake;
        else c.rejectedStake += stake;
        emit ChallengeVoted(projectId, round, index, msg.sender, upheld, stake);
    }

    /// @notice Resolves every challenge of `round` once its window and every vote window closed, pays the bonds,
    /// replaces the model if a challenge was upheld (slashing the aggregator), releases the aggregator's stake and marks
    /// the model final. Anyone may call.
    function settle(uint256 projectId, uint256 round) external {
        Window storage w = _windows[projectId][round];
        if (!w.opened) revert UnknownWindow(projectId, round);
        if (w.settled) revert AlreadySettled(projectId, round);
        if (block.timestamp <= w.settleAfter) revert WindowStillOpen(projectId, round, w.settleAfter, uint64(block.timestamp));
        w.settled = true;

        Challenge[] storage list = _challenges[projectId][round];
        uint256[] memory payouts = new uint256[](list.length);
        uint256 forfeited;
        for (uint256 i = 0; i < list.length; ++i) {
            Challenge storage c = list[i];
            uint256 voted = c.upheldStake + c.rejectedStake;
            if (voted == 0) {
                c.outcome = Outcome.Unresolved;
                payouts[i] = CHALLENGE_BOND;
            } else if (c.upheldStake * 2 > voted) {
                c.outcome = Outcome.Upheld;
                payouts[i] = CHALLENGE_BOND;
                if (!w.replaced) {
                    w.replaced = true;
                    payouts[i] += w.bond; // the first upheld challenge takes the aggregator's bond
                }
            } else {
                c.outcome = Outcome.Rejected;
                forfeited += CHALLENGE_BOND;
            }
        }

        uint256 slashed;
        address aggregator = w.aggregator;
        staking.release(aggregator, Role.Aggregator);
        for (uint256 i = 0; i < list.length; ++i) {
            Challenge storage c = list[i];
            if (c.outcome == Outcome.Upheld && payouts[i] > CHALLENGE_BOND) {
                project.replaceModel(projectId, round, c.cid, c.merkleRoot);
                uint256 amount = (staking.stakeOf(aggregator, Role.Aggregator) * SLASH_SHARE) / 10_000;
                slashed = staking.slash(aggregator, Role.Aggregator, amount, "wrong-aggregate");
            }
        }
        project.markFinal(projectId, round);
        emit WindowSettled(projectId, round, aggregator, w.replaced, slashed);

        for (uint256 i = 0; i < list.length; ++i) {
            emit ChallengeResolved(projectId, round, i, list[i].challenger, list[i].outcome, payouts[i]);
            if (payouts[i] != 0) token.safeTransfer(list[i].challenger, payouts[i]);
        }
        if (!w.replaced) token.safeTransfer(aggregator, w.bond);
        if (forfeited != 0) {
            token.forceApprove(address(project), forfeited);
            project.fund(projectId, forfeited);
        }
    }

    /// @notice The challenge window of `round` (all zero when none was opened).
    function windowOf(uint256 projectId, uint256 round) external view returns (Window memory) {
        return _windows[projectId][round];
    }

    /// @notice Every challenge of `round`, in the order they came.
    function challengesOf(uint256 projectId, uint256 round) external view returns (Challenge[] memory) {
        return _challenges[projectId][round];
    }

    /// @notice Whether `account` voted on challenge `index` of `round`.
    function hasVoted(uint256 projectId, uint256 round, uint256 index, address account) external view returns (bool) {
        return _voted[keccak256(abi.encode(projectId, round, index, account))];
    }

    function _openWindow(uint256 projectId, uint256 round) private view returns (Window storage w) {
        w = _windows[projectId][round];
        if (!w.opened) revert UnknownWindow(projectId, round);
        if (w.settled) revert AlreadySettled(projectId, round);
    }

    function _challenge(uint256 projectId, uint256 round, uint256 index) private view returns (Challenge storage) {
        Challenge[] storage list = _challenges[projectId][round];
        if (index >= list.length) revert UnknownChallenge(projectId, round, index);
        return list[index];
    }

    function _isStaked(address account) private view returns (bool) {
        return staking.isActive(account, Role.Proposer) || staking.isActive(account, Role.Solver)
            || staking.isActive(account, Role.Coordinator) || staking.isActive(account, Role.Aggregator);
    }

    function _checkWindow(uint64 window) private pure {
        if (window < MIN_WINDOW || window > MAX_WINDOW) revert WindowOutOfRange(window, MIN_WINDOW, MAX_WINDOW);
    }
}
