// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Stake-weighted sortition of a task's verification committee from every coordinator that committed a vote: each one
// sits independently with probability min(1, size * stake / committedStake), decided by keccak256(seed, coordinator),
// so the expected seats sum to at most `size`, membership costs O(1) to check, and there is no first-come cap to fill.
// Splitting a stake over Sybils does not raise its expected seats. The seed comes from a block hash mined after
// commits closed (ResultsRewards.drawCommittee): that block's producer could still withhold a block to re-roll once
// per block it produces; nobody else can steer it. Not a fixed-size committee: its size varies around `size`.

/// @title Committee
/// @notice Stake-weighted committee sortition.
library Committee {
    /// @notice Whether `coordinator` with `stake` of `committedStake` sits on the committee drawn with `seed`.
    function isDrawn(bytes32 seed, address coordinator, uint256 stake, uint256 committedStake, uint256 size)
        internal
        pure
        returns (bool)
    {
        if (stake * size >= committedStake) return true;
        // A uniform draw in [0, committedStake): its modulo bias is below committedStake / 2^256, negligible.
        uint256 draw = uint256(keccak256(abi.encode(seed, coordinator))) % committedStake;
        return draw < stake * size;
    }
}
