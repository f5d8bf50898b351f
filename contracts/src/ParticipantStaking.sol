// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Role stakes in ATN. Each (account, role) pair has its own stake and unlock time; staking again
// restarts the lock. Slashing (and holding a stake while a task that may judge it is unsettled) is reserved for protocol
// contracts the owner authorized, and slashed tokens go to the treasury. It does not decide who is slashed or why: callers do.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Role} from "./interfaces/Role.sol";

/// @title ParticipantStaking
/// @notice Holds the stakes that let accounts act as proposer, solver, coordinator or aggregator.
contract ParticipantStaking is Ownable {
    using SafeERC20 for IERC20;

    struct StakeInfo {
        uint256 amount;
        uint64 unlockAt;
    }

    /// @notice The staked token (ATN).
    IERC20 public immutable token;
    /// @notice Receiver of slashed tokens.
    address public treasury;

    mapping(address account => mapping(Role role => StakeInfo)) private _stakes;
    mapping(address slasher => bool) private _slashers;
    mapping(address account => mapping(Role role => uint256)) private _holds;

    /// @notice Emitted when `account` added `amount` to its `role` stake; `total` is the new stake.
    event Staked(address indexed account, Role indexed role, uint256 amount, uint256 total, uint64 unlockAt);
    /// @notice Emitted when `account` withdrew `amount` of its `role` stake.
    event Unstaked(address indexed account, Role indexed role, uint256 amount, uint256 remaining);
    /// @notice Emitted when `slasher` took `amount` of `account`'s `role` stake to the treasury.
    event Slashed(address indexed account, Role indexed role, address indexed slasher, uint256 amount, bytes32 reason);
    /// @notice Emitted when `by` placed or released a hold on `account`'s `role` stake; `holds` remain.
    event HoldChanged(address indexed account, Role indexed role, address indexed by, uint256 holds);
    /// @notice Emitted when the owner granted or revoked the right to slash.
    event SlasherSet(address indexed slasher, bool allowed);
    /// @notice Emitted when the owner changed the treasury.
    event TreasurySet(address indexed treasury);

    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice After this operation the stake `total` would be above zero but below the role's `minimum`.
    error BelowMinimumStake(Role role, uint256 total, uint256 minimum);
    /// @notice The stake is locked until `unlockAt`; it is now `nowTime`.
    error StakeLocked(address account, Role role, uint64 unlockAt, uint64 nowTime);
    /// @notice `holds` unsettled tasks still hold the stake; it unlocks when they settle.
    error StakeHeld(address account, Role role, uint256 holds);
    /// @notice `account` has only `staked` in `role`, less than the `requested` amount.
    error InsufficientStake(address account, Role role, uint256 staked, uint256 requested);
    /// @notice `caller` is not an authorized slasher.
    error UnauthorizedSlasher(address caller);

    /// @param token_ The ATN token.
    /// @param treasury_ Receiver of slashed stake.
    /// @param owner_ Account that authorizes slashers and sets the treasury.
    constructor(IERC20 token_, address treasury_, address owner_) Ownable(owner_) {
        if (address(token_) == address(0) || treasury_ == address(0)) revert ZeroAddress();
        token = token_;
        treasury = treasury_;
    }

    /// @notice Minimum stake of `role`: Proposer 100, Solver 50, Coordinator 500, Aggregator 1000 ATN.
    function minimumStake(Role role) public pure returns (uint256) {
        if (role == Role.Proposer) return 100 ether;
        if (role == Role.Solver) return 50 ether;
        if (role == Role.Coordinator) return 500 ether;
        return 1000 ether;
    }

    /// @notice Lock period of `role`: Proposer 7 days, Solver 3 days, Coordinator and Aggregator 14 days.
    function lockPeriod(Role role) public pure returns (uint64) {
        if (role == Role.Proposer) return 7 days;
        if (role == Role.Solver) return 3 days;
        return 14 days;
    }

    /// @notice Stakes `amount` ATN (pulled with transferFrom) for `role` and restarts the role's lock.
    /// @dev The resulting stake must reach the role's minimum.
    function stake(Role role, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        StakeInfo storage info = _stakes[msg.sender][role];
        uint256 total = info.amount + amount;
        uint256 minimum = minimumStake(role);
        if (total < minimum) revert BelowMinimumStake(role, total, minimum);
        info.amount = total;
        info.unlockAt = uint64(block.timestamp) + lockPeriod(role);
        emit Staked(msg.sender, role, amount, total, info.unlockAt);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Withdraws `amount` of the caller's `role` stake once its lock has expired.
    /// @dev What remains must be zero or at least the role's minimum.
    function unstake(Role role, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        StakeInfo storage info = _stakes[msg.sender][role];
        if (info.amount < amount) revert InsufficientStake(msg.sender, role, info.amount, amount);
        if (block.timestamp < info.unlockAt) {
            revert StakeLocked(msg.sender, role, info.unlockAt, uint64(block.timestamp));
        }
        uint256 holds = _holds[msg.sender][role];
        if (holds != 0) revert StakeHeld(msg.sender, role, holds);
        uint256 remaining = info.amount - amount;
        uint256 minimum = minimumStake(role);
        if (remaining != 0 && remaining < minimum) revert BelowMinimumStake(role, remaining, minimum);
        info.amount = remaining;
        emit Unstaked(msg.sender, role, amount, remaining);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Moves up to `amount` of `account`'s `role` stake to the treasury; only authorized slashers.
    /// @param reason A short tag for logs (e.g. "consensus-deviation", "forced-error-miss").
    /// @return slashed The amount actually taken (capped at the stake).
    function slash(address account, Role role, uint256 amount, bytes32 reason) external returns (uint256 slashed) {
        if (!_slashers[msg.sender]) revert UnauthorizedSlasher(msg.sender);
        StakeInfo storage info = _stakes[account][role];
        slashed = amount < info.amount ? amount : info.amount;
        if (slashed == 0) return 0;
        info.amount -= slashed;
        emit Slashed(account, role, msg.sender, slashed, reason);
        token.safeTransfer(treasury, slashed);
    }

    /// @notice Holds `account`'s `role` stake while a task it took part in is unsettled: it cannot be withdrawn
    /// until every hold is released, so a pending judgment can still slash it. Only authorized slashers.
    function hold(address account, Role role) external {
        if (!_slashers[msg.sender]) revert UnauthorizedSlasher(msg.sender);
        uint256 holds = ++_holds[account][role];
        emit HoldChanged(account, role, msg.sender, holds);
    }

    /// @notice Releases one hold placed by `hold` (a no-op when none is left). Only authorized slashers.
    function release(address account, Role role) external {
        if (!_slashers[msg.sender]) revert UnauthorizedSlasher(msg.sender);
        uint256 holds = _holds[account][role];
        if (holds == 0) return;
        _holds[account][role] = holds - 1;
        emit HoldChanged(account, role, msg.sender, holds - 1);
    }

    /// @notice Grants or revokes `slasher`'s right to slash. Only the owner.
    function setSlasher(address slasher, bool allowed) external onlyOwner {
        if (slasher == address(0)) revert ZeroAddress();
        _slashers[slasher] = allowed;
        emit SlasherSet(slasher, allowed);
    }

    /// @notice Sets the receiver of slashed stake. Only the owner.
    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice `account`'s stake in `role`.
    function stakeOf(address account, Role role) external view returns (uint256) {
        return _stakes[account][role].amount;
    }

    /// @notice Time at which `account`'s `role` stake can be withdrawn.
    function unlockTimeOf(address account, Role role) external view returns (uint64) {
        return _stakes[account][role].unlockAt;
    }

    /// @notice Number of unsettled tasks holding `account`'s `role` stake.
    function holdsOf(address account, Role role) external view returns (uint256) {
        return _holds[account][role];
    }

    /// @notice Whether `account` holds at least the minimum stake of `role`.
    function isActive(address account, Role role) public view returns (bool) {
        return _stakes[account][role].amount >= minimumStake(role);
    }

    /// @notice Whether `slasher` may slash.
    function isSlasher(address slasher) external view returns (bool) {
        return _slashers[slasher];
    }
}
