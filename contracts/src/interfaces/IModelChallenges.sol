// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What Project needs from ModelChallenges: open the challenge window of a model it just stored.
interface IModelChallenges {
    function open(uint256 projectId, uint256 round, uint256 taskId, address aggregator) external;
}
