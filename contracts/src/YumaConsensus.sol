// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Yuma-style consensus over a (coordinators x solutions) score matrix in basis points: per solution the
// stake-weighted median (lower median: smallest score whose cumulative stake reaches half), each vote
// clipped down to that consensus (an outlier cannot pull a solution up), the rank as the stake-weighted
// mean of clipped votes, and each coordinator's mean absolute deviation from consensus.
// Pure arithmetic on small arrays (the callers cap both dimensions at 16); no storage.

/// @title YumaConsensus
/// @notice Stake-weighted median consensus with clipping.
library YumaConsensus {
    struct Outcome {
        uint16[] consensus; // per solution, bps
        uint256[] ranks; // per solution, stake-weighted mean of clipped scores, bps
        uint16[] deviations; // per coordinator, mean |score - consensus|, bps
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
        out.ranks = new uint256[](solutions);
        out.deviations = new uint16[](voters);
        if (totalStake == 0) return out;

        uint16[] memory column = new uint16[](voters);
        uint256[] memory deviationSums = new uint256[](voters);
        for (uint256 j = 0; j < solutions; ++j) {
            for (uint256 i = 0; i < voters; ++i) {
                column[i] = scores[i][j];
            }
            uint16 c = weightedMedian(column, stakes, totalStake);
            out.consensus[j] = c;
            uint256 clippedSum;
            for (uint256 i = 0; i < voters; ++i) {
                uint16 s = scores[i][j];
                clippedSum += stakes[i] * (s < c ? s : c);
                deviationSums[i] += s > c ? s - c : c - s;
            }
            out.ranks[j] = clippedSum / totalStake;
        }
        for (uint256 i = 0; i < voters; ++i) {
            out.deviations[i] = solutions == 0 ? 0 : uint16(deviationSums[i] / solutions);
        }
    }

    /// @notice The smallest value v in `values` such that the stake of values <= v is at least half of
    /// `totalStake`. O(n^2) selection, fine for n <= 16 and free of sorting copies.
    function weightedMedian(uint16[] memory values, uint256[] memory stakes, uint256 totalStake)
        internal
        pure
        returns (uint16 best)
    {
        best = type(uint16).max;
        for (uint256 a = 0; a < values.length; ++a) {
            uint16 v = values[a];
            if (v >= best) continue;
            uint256 atOrBelow;
            for (uint256 b = 0; b < values.length; ++b) {
                if (values[b] <= v) atOrBelow += stakes[b];
            }
            if (atOrBelow * 2 >= totalStake) best = v;
        }
    }
}
