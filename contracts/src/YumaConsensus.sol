// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Yuma-style consensus over a (coordinators x solutions) score matrix in basis points. Per solution the consensus is
// the highest score that a strict stake majority supports (votes at least it), Bittensor's clipping benchmark with
// kappa = 1/2 made strict ("the maximum weight level w supported by at least a fraction kappa of stake",
// opentensor/developer-docs docs/yuma-consensus.md, "Clipping"); each vote is clipped down to it and the rank is the
// stake-weighted mean of the clipped votes. A coalition with less than half the stake can neither lift the consensus
// (its higher votes are clipped) nor lower it (the rest still supports the honest value). When the stake splits
// exactly in half the solution is undecided: no side wins, no tie-break either way. Pure arithmetic; no storage.

/// @title YumaConsensus
/// @notice Strict-majority consensus with clipping.
library YumaConsensus {
    struct Outcome {
        uint16[] consensus; // per solution, bps: highest score a strict stake majority supports
        bool[] decided; // per solution: whether a strict stake majority also supports nothing above it
        uint256[] ranks; // per solution, stake-weighted mean of scores clipped to consensus, bps (0 when undecided)
        uint256[] heldRanks; // per undecided solution, the rank had the upper half won: its share is paid to nobody
        uint16[] deviations; // per coordinator, mean |score - consensus| over decided solutions, bps
    }

    /// @notice Computes consensus, ranks and deviations. `scores[i][j]` is coordinator i's score of solution j.
    /// @dev Every row must have the same length and `stakes` must not all be zero.
    function compute(uint16[][] memory scores, uint256[] memory stakes) internal pure returns (Outcome memory out) {
        uint256 voters = scores.length;
        uint256 solutions = voters == 0 ? 0 : scores[0].length;
        uint256 totalStake;
        for (uint256 i = 0; i < voters; ++i) {
            totalStake += stakes[i];
        }
        out.consensus = new uint16[](solutions);
        out.decided = new bool[](solutions);
        out.ranks = new uint256[](solutions);
        out.heldRanks = new uint256[](solutions);
        out.deviations = new uint16[](voters);
        if (totalStake == 0) return out;

        uint16[] memory column = new uint16[](voters);
        uint256[] memory deviationSums = new uint256[](voters);
        uint256 decidedCount;
        for (uint256 j = 0; j < solutions; ++j) {
            for (uint256 i = 0; i < voters; ++i) {
                column[i] = scores[i][j];
            }
            (uint16 upper, uint16 lower) = majorityBounds(column, stakes, totalStake);
            out.consensus[j] = upper;
            // upper <= lower always (two disjoint strict majorities cannot exist); equal unless the stake ties.
            bool decided = upper == lower;
            out.decided[j] = decided;
            uint256 clippedSum = _clippedSum(column, stakes, upper);
            if (decided) {
                out.ranks[j] = clippedSum / totalStake;
                ++decidedCount;
                for (uint256 i = 0; i < voters; ++i) {
                    uint16 s = column[i];
                    deviationSums[i] += s > upper ? s - upper : upper - s;
                }
            } else {
                out.heldRanks[j] = _clippedSum(column, stakes, lower) / totalStake;
            }
        }
        for (uint256 i = 0; i < voters; ++i) {
            out.deviations[i] = decidedCount == 0 ? 0 : uint16(deviationSums[i] / decidedCount);
        }
    }

    /// @notice `upper`: the highest value v in `values` with stake(values >= v) * 2 > totalStake (Yuma's benchmark at
    /// kappa 1/2, strict); `lower`: the lowest v with stake(values <= v) * 2 > totalStake. O(n^2), n is small.
    function majorityBounds(uint16[] memory values, uint256[] memory stakes, uint256 totalStake)
        internal
        pure
        returns (uint16 upper, uint16 lower)
    {
        lower = type(uint16).max;
        for (uint256 a = 0; a < values.length; ++a) {
            uint16 v = values[a];
            uint256 atOrAbove;
            uint256 atOrBelow;
            for (uint256 b = 0; b < values.length; ++b) {
                if (values[b] >= v) atOrAbove += stakes[b];
                if (values[b] <= v) atOrBelow += stakes[b];
            }
            if (atOrAbove * 2 > totalStake && v > upper) upper = v;
            if (atOrBelow * 2 > totalStake && v < lower) lower = v;
        }
    }

    function _clippedSum(uint16[] memory column, uint256[] memory stakes, uint16 cap) private pure returns (uint256 sum) {
        for (uint256 i = 0; i < column.length; ++i) {
            sum += stakes[i] * (column[i] < cap ? column[i] : cap);
        }
    }
}
