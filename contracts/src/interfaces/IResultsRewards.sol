// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What TaskContract and ForcedErrorRegistry need from ResultsRewards.
interface IResultsRewards {
    /// @notice A task's reward as TaskContract.rewardSplit divides it.
    struct Pools {
        uint256 solverPool;
        uint256 coordinatorPool;
        uint256 proposerFee;
        uint256 keeperPool;
    }

    function openPool(uint256 taskId, uint256 projectId, Pools calldata pools, uint256 solverBond) external;
    function takeBond(uint256 taskId, address solver) external;
    function payKeeper(uint256 taskId, address keeper) external;
    function refundCancelled(uint256 taskId) external;
    function votersOf(uint256 taskId) external view returns (address[] memory);
    function voteRevealDeadlineOf(uint256 taskId) external view returns (uint64);
    function votesRevealed(uint256 taskId) external view returns (bool);
    function scoreOf(uint256 taskId, address coordinator, address solver) external view returns (uint16);
}
