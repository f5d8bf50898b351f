// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The four staked roles of the network (ABI: uint8, in this order).
enum Role {
    Proposer,
    Solver,
    Coordinator,
    Aggregator
}
