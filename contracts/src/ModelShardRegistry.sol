// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Erasure-coded model storage: a model is registered with its CID, the Merkle root over its n = k + m
// shards (k data, m parity) and the code parameters. Staked storage providers announce the shards they
// hold; each announcement carries a Merkle proof checked with OpenZeppelin MerkleProof (sorted pairs,
// double-hashed leaves, see `shardLeaf`). A model is recoverable while at least k distinct shards are held.
// It does not prove continued possession (no storage challenges) and does not slash providers.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title ModelShardRegistry
/// @notice Model shard roots, provider stakes and proven shard announcements.
contract ModelShardRegistry {
    using SafeERC20 for IERC20;

    struct Model {
        string cid;
        bytes32 merkleRoot;
        uint16 dataShards;
        uint16 parityShards;
        uint16 shardsHeld;
        address registrant;
        uint64 registeredAt;
    }

    struct Provider {
        uint256 stake;
        uint64 unlockAt;
        uint256 shardsAnnounced;
    }

    /// @notice Largest total shard count k + m of one model.
    uint256 public constant MAX_SHARDS = 1024;

    /// @notice The staked token (ATN).
    IERC20 public immutable token;
    /// @notice Stake a provider needs before announcing shards.
    uint256 public immutable minimumProviderStake;
    /// @notice Seconds a provider's stake stays locked after its last stake.
    uint64 public immutable providerLock;
    /// @notice Number of registered models; ids run from 1 to this value.
    uint256 public modelCount;

    mapping(uint256 modelId => Model) private _models;
    mapping(address provider => Provider) private _providers;
    mapping(uint256 modelId => mapping(uint256 shardIndex => address[])) private _holders;
    mapping(uint256 modelId => mapping(uint256 shardIndex => mapping(address provider => uint256))) private _holderSlot;

    /// @notice Emitted when `registrant` registered `modelId`.
    event ModelRegistered(uint256 indexed modelId, string cid, bytes32 merkleRoot, uint16 dataShards, uint16 parityShards, address indexed registrant);
    /// @notice Emitted when `provider` staked `amount` (new total `stake`).
    event ProviderStaked(address indexed provider, uint256 amount, uint256 stake, uint64 unlockAt);
    /// @notice Emitted when `provider` withdrew `amount`.
    event ProviderUnstaked(address indexed provider, uint256 amount, uint256 stake);
    /// @notice Emitted when `provider` proved and announced shard `shardIndex` of `modelId`.
    event ShardAnnounced(uint256 indexed modelId, uint256 indexed shardIndex, address indexed provider, bytes32 shardHash);
    /// @notice Emitted when `provider` stopped holding shard `shardIndex` of `modelId`.
    event ShardWithdrawn(uint256 indexed modelId, uint256 indexed shardIndex, address indexed provider);

    /// @notice No model has id `modelId`.
    error UnknownModel(uint256 modelId);
    /// @notice The CID is empty or the root is zero.
    error EmptyModel();
    /// @notice k = `dataShards` must be at least 1 and k + m = `total` at most MAX_SHARDS.
    error InvalidShardCounts(uint16 dataShards, uint16 parityShards, uint256 maximum);
    /// @notice `shardIndex` is not below the model's shard count `total`.
    error ShardIndexOutOfRange(uint256 modelId, uint256 shardIndex, uint256 total);
    /// @notice The proof does not link (`shardIndex`, `shardHash`) to the model's Merkle root.
    error InvalidShardProof(uint256 modelId, uint256 shardIndex, bytes32 shardHash);
    /// @notice `provider` already announced, or does not hold, shard `shardIndex` of `modelId`.
    error ShardHoldingConflict(uint256 modelId, uint256 shardIndex, address provider, bool holds);
    /// @notice `provider` has `stake`, less than the `minimum` to announce.
    error ProviderStakeTooLow(address provider, uint256 stake, uint256 minimum);
    /// @notice The stake is locked until `unlockAt`; it is now `nowTime`.
    error StakeLocked(address provider, uint64 unlockAt, uint64 nowTime);
    /// @notice `provider` has `stake`, less than `requested`, or would keep announced shards below the minimum.
    error InvalidUnstake(address provider, uint256 stake, uint256 requested);
    /// @notice The amount is zero.
    error ZeroAmount();

    /// @param token_ The ATN token.
    /// @param minimumProviderStake_ Stake needed to announce shards.
    /// @param providerLock_ Seconds a provider's stake stays locked after staking.
    constructor(IERC20 token_, uint256 minimumProviderStake_, uint64 providerLock_) {
        token = token_;
        minimumProviderStake = minimumProviderStake_;
        providerLock = providerLock_;
    }

    /// @notice Registers a model: its CID, the Merkle root of its k + m shards and the code parameters.
    /// @return modelId The new model's id.
    function registerModel(string calldata cid, bytes32 merkleRoot, uint16 dataShards, uint16 parityShards)
        external
        returns (uint256 modelId)
    {
        if (bytes(cid).length == 0 || merkleRoot == bytes32(0)) revert EmptyModel();
        if (dataShards == 0 || uint256(dataShards) + parityShards > MAX_SHARDS) {
            revert InvalidShardCounts(dataShards, parityShards, MAX_SHARDS);
        }
        modelId = ++modelCount;
        _models[modelId] = Model(cid, merkleRoot, dataShards, parityShards, 0, msg.sender, uint64(block.timestamp));
        emit ModelRegistered(modelId, cid, merkleRoot, dataShards, parityShards, msg.sender);
    }

    /// @notice Stakes `amount` ATN (pulled with transferFrom) as a storage provider and restarts the lock.
    function stakeProvider(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[msg.sender];
        p.stake += amount;
        p.unlockAt = uint64(block.timestamp) + providerLock;
        emit ProviderStaked(msg.sender, amount, p.stake, p.unlockAt);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Withdraws `amount` of the caller's provider stake after its lock; a provider that still
    /// announces shards must keep the minimum.
    function unstakeProvider(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[msg.sender];
        if (block.timestamp < p.unlockAt) revert StakeLocked(msg.sender, p.unlockAt, uint64(block.timestamp));
        if (amount > p.stake || (p.shardsAnnounced != 0 && p.stake - amount < minimumProviderStake)) {
            revert InvalidUnstake(msg.sender, p.stake, amount);
        }
        p.stake -= amount;
        emit ProviderUnstaked(msg.sender, amount, p.stake);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Announces that the caller holds shard `shardIndex` (content digest `shardHash`) of `modelId`,
    /// proven against the model's root. Needs the minimum provider stake.
    function announceShard(uint256 modelId, uint256 shardIndex, bytes32 shardHash, bytes32[] calldata proof) external {
        Model storage m = _requireModel(modelId);
        uint256 total = uint256(m.dataShards) + m.parityShards;
        if (shardIndex >= total) revert ShardIndexOutOfRange(modelId, shardIndex, total);
        Provider storage p = _providers[msg.sender];
        if (p.stake < minimumProviderStake) revert ProviderStakeTooLow(msg.sender, p.stake, minimumProviderStake);
        if (!MerkleProof.verifyCalldata(proof, m.merkleRoot, shardLeaf(shardIndex, shardHash))) {
            revert InvalidShardProof(modelId, shardIndex, shardHash);
        }
        if (_holderSlot[modelId][shardIndex][msg.sender] != 0) {
            revert ShardHoldingConflict(modelId, shardIndex, msg.sender, true);
        }
        address[] storage holders = _holders[modelId][shardIndex];
        holders.push(msg.sender);
        _holderSlot[modelId][shardIndex][msg.sender] = holders.length;
        if (holders.length == 1) ++m.shardsHeld;
        ++p.shardsAnnounced;
        emit ShardAnnounced(modelId, shardIndex, msg.sender, shardHash);
    }

    /// @notice Withdraws the caller's announcement of shard `shardIndex` of `modelId`.
    function withdrawShard(uint256 modelId, uint256 shardIndex) external {
        Model storage m = _requireModel(modelId);
        uint256 slot = _holderSlot[modelId][shardIndex][msg.sender];
        if (slot == 0) revert ShardHoldingConflict(modelId, shardIndex, msg.sender, false);
        address[] storage holders = _holders[modelId][shardIndex];
        address last = holders[holders.length - 1];
        holders[slot - 1] = last;
        _holderSlot[modelId][shardIndex][last] = slot;
        holders.pop();
        delete _holderSlot[modelId][shardIndex][msg.sender];
        if (holders.length == 0) --m.shardsHeld;
        --_providers[msg.sender].shardsAnnounced;
        emit ShardWithdrawn(modelId, shardIndex, msg.sender);
    }

    /// @notice The Merkle leaf of a shard: keccak256(bytes.concat(keccak256(abi.encode(uint256 shardIndex, bytes32 shardHash)))).
    function shardLeaf(uint256 shardIndex, bytes32 shardHash) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(shardIndex, shardHash))));
    }

    /// @notice Whether `proof` links (`shardIndex`, `shardHash`) to the root of `modelId`.
    function verifyShard(uint256 modelId, uint256 shardIndex, bytes32 shardHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Model storage m = _requireModel(modelId);
        return MerkleProof.verifyCalldata(proof, m.merkleRoot, shardLeaf(shardIndex, shardHash));
    }

    /// @notice The registered model `modelId`.
    function getModel(uint256 modelId) external view returns (Model memory) {
        return _requireModel(modelId);
    }

    /// @notice Providers currently announcing shard `shardIndex` of `modelId`.
    function providersOf(uint256 modelId, uint256 shardIndex) external view returns (address[] memory) {
        return _holders[modelId][shardIndex];
    }

    /// @notice Distinct shards held (`held`), shards needed to recover (`needed` = k) and total shards (n).
    function availability(uint256 modelId) external view returns (uint256 held, uint256 needed, uint256 total) {
        Model storage m = _requireModel(modelId);
        return (m.shardsHeld, m.dataShards, uint256(m.dataShards) + m.parityShards);
    }

    /// @notice Whether at least k distinct shards of `modelId` are held, so it can be decoded.
    function isRecoverable(uint256 modelId) external view returns (bool) {
        Model storage m = _requireModel(modelId);
        return m.shardsHeld >= m.dataShards;
    }

    /// @notice A provider's stake, unlock time and number of shard announcements.
    function providerOf(address provider) external view returns (Provider memory) {
        return _providers[provider];
    }

    function _requireModel(uint256 modelId) private view returns (Model storage m) {
        m = _models[modelId];
        if (m.merkleRoot == bytes32(0)) revert UnknownModel(modelId);
    }
}
