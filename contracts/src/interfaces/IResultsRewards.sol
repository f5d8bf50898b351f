// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What TaskContract and ForcedErrorRegistry need from ResultsRewards.
interface IResultsRewards {
    function openPool(uint256 taskId, uint256 projectId, uint256 solverPool, uint256 coordinatorPool, uint256 proposerFee)
        external;
    function refundCancelled(uint256 taskId) external;
    function votersOf(uint256 taskId) external view returns (address[] memory);
    function scoreOf(uint256 taskId, address coordinator, address solver) external view returns (uint16);
}
