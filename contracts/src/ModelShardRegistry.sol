// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Erasure-coded model storage: a model is registered with its CID, the Merkle root over its n = k + m
// shards (k data, m parity) and the code parameters. Staked storage providers announce the shards they
// hold; each announcement carries a Merkle proof checked with OpenZeppelin MerkleProof (sorted pairs,
// double-hashed leaves, see `shardLeaf`). A model is recoverable while at least k distinct shards are held.
// The registrant records where it placed each shard (`placeShards`: the provider, the shard manifest's CID, and per
// shard the root of a keccak tree over its 1 KiB chunks, `chunkLeaf`), so fetchers locate shards from the chain.
// Possession is proven on challenge: anyone names an announced holder; the chunk is drawn from the hash of the
// challenge's own block (unknown when the challenge was sent); the holder answers with the chunk and its proof within
// POSSESSION_WINDOW, or anyone records the failure, which slashes POSSESSION_SLASH_BPS of its stake to the challenger
// and drops its announcement. Challenges cost the challenger only gas: it does not stop spam challenges.

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

    /// @notice Where the registrant placed a model's shards: the manifest's CID and the bytes per shard.
    struct Placement {
        string manifestCid;
        uint64 shardSize;
    }

    /// @notice Lifecycle of a possession challenge.
    enum PossessionState {
        None,
        Open,
        Proven,
        Failed
    }

    struct PossessionChallenge {
        uint256 modelId;
        uint256 shardIndex;
        address provider;
        address challenger;
        uint64 blockNumber;
        uint64 deadline;
        PossessionState state;
    }

    /// @notice A provider's possession challenges: answered in time, failed, and open now (no unstaking while open).
    struct PossessionRecord {
        uint64 proven;
        uint64 failed;
        uint64 open;
    }

    /// @notice Largest total shard count k + m of one model.
    uint256 public constant MAX_SHARDS = 1024;
    /// @notice Bytes per possession chunk; a shard's last chunk may be shorter.
    uint256 public constant CHUNK_BYTES = 1024;
    /// @notice Seconds a challenged provider has to answer. The answer also needs the challenge block's hash, which
    /// the EVM keeps for 256 blocks: on a chain faster than one block per 1.2 s the provider must answer sooner.
    uint64 public constant POSSESSION_WINDOW = 300;
    /// @notice Part of its stake, in basis points, a provider that failed a challenge loses to the challenger.
    uint256 public constant POSSESSION_SLASH_BPS = 1000;

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
    mapping(bytes32 cidHash => uint256[] modelIds) private _modelsOfCid;
    mapping(uint256 modelId => Placement) private _placements;
    mapping(uint256 modelId => mapping(uint256 shardIndex => address)) private _placedWith;
    mapping(uint256 modelId => mapping(uint256 shardIndex => bytes32)) private _chunkRoots;
    mapping(uint256 challengeId => PossessionChallenge) private _challenges;
    mapping(uint256 modelId => mapping(uint256 shardIndex => mapping(address provider => uint256))) private _openChallenge;
    mapping(address provider => PossessionRecord) private _records;
    /// @notice Number of possession challenges; ids run from 1 to this value.
    uint256 public challengeCount;

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

    /// @notice `registrant` placed the shards of `modelId`; `manifestCid` describes them.
    event ShardsPlaced(uint256 indexed modelId, string manifestCid, uint64 shardSize, address[] providers);
    /// @notice `challenger` asked `provider` to prove it holds shard `shardIndex` of `modelId`.
    event PossessionChallenged(uint256 indexed challengeId, uint256 indexed modelId, uint256 shardIndex, address indexed provider, address challenger, uint64 deadline);
    /// @notice `provider` answered challenge `challengeId` with chunk `chunkIndex` and its proof.
    event PossessionProven(uint256 indexed challengeId, address indexed provider, uint256 chunkIndex);
    /// @notice `provider` did not answer challenge `challengeId` in time; `slashed` of its stake went to the challenger.
    event PossessionFailed(uint256 indexed challengeId, address indexed provider, uint256 slashed);

    /// @notice `caller` is not the registrant `registrant` of `modelId`.
    error NotRegistrant(uint256 modelId, address caller, address registrant);
    /// @notice The shards of `modelId` are already placed, or not yet (`placed` says which).
    error PlacementConflict(uint256 modelId, bool placed);
    /// @notice A placement needs one provider and one nonzero chunk root per shard (`expected`), a manifest and a shard size.
    error InvalidPlacement(uint256 modelId, uint256 providers, uint256 chunkRoots, uint256 expected);
    /// @notice `provider` has an open challenge `challengeId` on shard `shardIndex` of `modelId` already.
    error ChallengeAlreadyOpen(uint256 modelId, uint256 shardIndex, address provider, uint256 challengeId);
    /// @notice Challenge `challengeId` is `current`, not `expected`.
    error ChallengeNotInState(uint256 challengeId, PossessionState current, PossessionState expected);
    /// @notice The challenge's chunk is drawn from the hash of block `blockNumber`, which is not yet mined or older than 256 blocks.
    error SeedUnavailable(uint256 challengeId, uint256 blockNumber, uint256 currentBlock);
    /// @notice Challenge `challengeId`'s window ends at `deadline`; it is now `nowTime` (`open` says which side is wrong).
    error ChallengeWindow(uint256 challengeId, uint64 deadline, uint64 nowTime, bool open);
    /// @notice Only the challenged `provider` answers challenge `challengeId`.
    error NotChallenged(uint256 challengeId, address caller, address provider);
    /// @notice The chunk (`length` bytes, `expectedLength` expected) and proof do not match the chunk root of the shard.
    error InvalidChunkProof(uint256 challengeId, uint256 chunkIndex, uint256 length, uint256 expectedLength);
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
    /// @notice `provider` has `stake`, less than `requested`, has a possession challenge open, or would keep announced shards below the minimum.
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
        _modelsOfCid[keccak256(bytes(cid))].push(modelId);
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
        if (amount > p.stake || _records[msg.sender].open != 0 || (p.shardsAnnounced != 0 && p.stake - amount < minimumProviderStake)) {
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
        _requireModel(modelId);
        if (_holderSlot[modelId][shardIndex][msg.sender] == 0) revert ShardHoldingConflict(modelId, shardIndex, msg.sender, false);
        _dropHolding(modelId, shardIndex, msg.sender);
    }

    /// @notice Records where the caller, the model's registrant, placed each shard: `providers[i]` holds shard i,
    /// whose 1 KiB chunks have the keccak tree root `chunkRoots[i]` (leaves `chunkLeaf`); `manifestCid` is the shard
    /// manifest and `shardSize` the bytes of every shard. Once per model.
    function placeShards(
        uint256 modelId,
        string calldata manifestCid,
        uint64 shardSize,
        address[] calldata providers,
        bytes32[] calldata chunkRoots
    ) external {
        Model storage m = _requireModel(modelId);
        if (m.registrant != msg.sender) revert NotRegistrant(modelId, msg.sender, m.registrant);
        if (_placements[modelId].shardSize != 0) revert PlacementConflict(modelId, true);
        uint256 total = uint256(m.dataShards) + m.parityShards;
        if (providers.length != total || chunkRoots.length != total || shardSize == 0 || bytes(manifestCid).length == 0) {
            revert InvalidPlacement(modelId, providers.length, chunkRoots.length, total);
        }
        for (uint256 i = 0; i < total; i++) {
            if (providers[i] == address(0) || chunkRoots[i] == bytes32(0)) {
                revert InvalidPlacement(modelId, providers.length, chunkRoots.length, total);
            }
            _placedWith[modelId][i] = providers[i];
            _chunkRoots[modelId][i] = chunkRoots[i];
        }
        _placements[modelId] = Placement(manifestCid, shardSize);
        emit ShardsPlaced(modelId, manifestCid, shardSize, providers);
    }

    /// @notice Challenges `provider`, an announced holder of shard `shardIndex` of placed model `modelId`, to prove
    /// it holds the shard; the chunk it must show is drawn from this block's hash (`challengedChunk`).
    /// @return challengeId The new challenge's id.
    function challengePossession(uint256 modelId, uint256 shardIndex, address provider) external returns (uint256 challengeId) {
        _requireModel(modelId);
        if (_placements[modelId].shardSize == 0) revert PlacementConflict(modelId, false);
        if (_holderSlot[modelId][shardIndex][provider] == 0) revert ShardHoldingConflict(modelId, shardIndex, provider, false);
        uint256 open = _openChallenge[modelId][shardIndex][provider];
        if (open != 0) revert ChallengeAlreadyOpen(modelId, shardIndex, provider, open);
        challengeId = ++challengeCount;
        uint64 deadline = uint64(block.timestamp) + POSSESSION_WINDOW;
        _challenges[challengeId] = PossessionChallenge(
            modelId, shardIndex, provider, msg.sender, uint64(block.number), deadline, PossessionState.Open
        );
        _openChallenge[modelId][shardIndex][provider] = challengeId;
        ++_records[provider].open;
        emit PossessionChallenged(challengeId, modelId, shardIndex, provider, msg.sender, deadline);
    }

    /// @notice The chunk index challenge `challengeId` asks for: keccak256(abi.encode(blockhash(challenge block),
    /// challengeId)) modulo the shard's chunk count. Reverts `SeedUnavailable` until the challenge's block is
    /// followed by another, and after 256 blocks.
    function challengedChunk(uint256 challengeId) public view returns (uint256) {
        PossessionChallenge storage c = _requireChallenge(challengeId);
        bytes32 seed = blockhash(c.blockNumber);
        if (seed == bytes32(0)) revert SeedUnavailable(challengeId, c.blockNumber, block.number);
        return uint256(keccak256(abi.encode(seed, challengeId))) % _chunkCount(c.modelId);
    }

    /// @notice The challenged provider shows the chunk `challengedChunk` names and its proof against the shard's
    /// chunk root, before the deadline. A wrong answer reverts, so it may try again within the window.
    function answerPossession(uint256 challengeId, bytes calldata chunk, bytes32[] calldata proof) external {
        PossessionChallenge storage c = _requireOpen(challengeId);
        if (msg.sender != c.provider) revert NotChallenged(challengeId, msg.sender, c.provider);
        if (block.timestamp > c.deadline) revert ChallengeWindow(challengeId, c.deadline, uint64(block.timestamp), false);
        uint256 chunkIndex = challengedChunk(challengeId);
        uint256 shardSize = _placements[c.modelId].shardSize;
        uint256 start = chunkIndex * CHUNK_BYTES;
        uint256 expected = shardSize - start < CHUNK_BYTES ? shardSize - start : CHUNK_BYTES;
        bytes32 leaf = chunkLeaf(chunkIndex, sha256(chunk));
        if (chunk.length != expected || !MerkleProof.verifyCalldata(proof, _chunkRoots[c.modelId][c.shardIndex], leaf)) {
            revert InvalidChunkProof(challengeId, chunkIndex, chunk.length, expected);
        }
        c.state = PossessionState.Proven;
        delete _openChallenge[c.modelId][c.shardIndex][c.provider];
        ++_records[c.provider].proven;
        --_records[c.provider].open;
        emit PossessionProven(challengeId, c.provider, chunkIndex);
    }

    /// @notice Records that the provider of an open challenge did not answer by its deadline: it loses
    /// POSSESSION_SLASH_BPS of its stake to the challenger and its announcement of the shard. Anyone may call.
    function expirePossession(uint256 challengeId) external {
        PossessionChallenge storage c = _requireOpen(challengeId);
        if (block.timestamp <= c.deadline) revert ChallengeWindow(challengeId, c.deadline, uint64(block.timestamp), true);
        c.state = PossessionState.Failed;
        delete _openChallenge[c.modelId][c.shardIndex][c.provider];
        ++_records[c.provider].failed;
        --_records[c.provider].open;
        Provider storage p = _providers[c.provider];
        uint256 slashed = (p.stake * POSSESSION_SLASH_BPS) / 10_000;
        p.stake -= slashed;
        if (_holderSlot[c.modelId][c.shardIndex][c.provider] != 0) _dropHolding(c.modelId, c.shardIndex, c.provider);
        emit PossessionFailed(challengeId, c.provider, slashed);
        if (slashed != 0) token.safeTransfer(c.challenger, slashed);
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

    /// @notice The leaf of a possession chunk: keccak256(bytes.concat(keccak256(abi.encode(uint256 chunkIndex, bytes32 sha256(chunk))))).
    /// @dev SHA-256 (a precompile, ~450 gas a KiB) rather than keccak for the chunk, so providers and registrants hash
    /// whole models at SHA-256's hardware speed; the tree above it is keccak, as OpenZeppelin MerkleProof needs.
    function chunkLeaf(uint256 chunkIndex, bytes32 chunkSha256) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(chunkIndex, chunkSha256))));
    }

    /// @notice Model ids registered with `cid`, oldest first (anyone may register; fetchers verify every byte).
    function modelsOfCid(string calldata cid) external view returns (uint256[] memory) {
        return _modelsOfCid[keccak256(bytes(cid))];
    }

    /// @notice Where the shards of `modelId` were placed: manifest CID, shard size, and per shard the provider and chunk root
    /// (empty until `placeShards`).
    function placementOf(uint256 modelId)
        external
        view
        returns (string memory manifestCid, uint64 shardSize, address[] memory providers, bytes32[] memory chunkRoots)
    {
        Model storage m = _requireModel(modelId);
        Placement storage placement = _placements[modelId];
        if (placement.shardSize == 0) return ("", 0, providers, chunkRoots);
        uint256 total = uint256(m.dataShards) + m.parityShards;
        providers = new address[](total);
        chunkRoots = new bytes32[](total);
        for (uint256 i = 0; i < total; i++) {
            providers[i] = _placedWith[modelId][i];
            chunkRoots[i] = _chunkRoots[modelId][i];
        }
        return (placement.manifestCid, placement.shardSize, providers, chunkRoots);
    }

    /// @notice Possession challenge `challengeId`.
    function challengeOf(uint256 challengeId) external view returns (PossessionChallenge memory) {
        return _requireChallenge(challengeId);
    }

    /// @notice The open challenge of `provider` on shard `shardIndex` of `modelId`; 0 for none.
    function openChallengeOf(uint256 modelId, uint256 shardIndex, address provider) external view returns (uint256) {
        return _openChallenge[modelId][shardIndex][provider];
    }

    /// @notice How many possession challenges `provider` answered, and how many it failed.
    function possessionRecordOf(address provider) external view returns (PossessionRecord memory) {
        return _records[provider];
    }

    function _dropHolding(uint256 modelId, uint256 shardIndex, address provider) private {
        uint256 slot = _holderSlot[modelId][shardIndex][provider];
        address[] storage holders = _holders[modelId][shardIndex];
        address last = holders[holders.length - 1];
        holders[slot - 1] = last;
        _holderSlot[modelId][shardIndex][last] = slot;
        holders.pop();
        delete _holderSlot[modelId][shardIndex][provider];
        if (holders.length == 0) --_models[modelId].shardsHeld;
        --_providers[provider].shardsAnnounced;
        emit ShardWithdrawn(modelId, shardIndex, provider);
    }

    function _chunkCount(uint256 modelId) private view returns (uint256) {
        return (uint256(_placements[modelId].shardSize) + CHUNK_BYTES - 1) / CHUNK_BYTES;
    }

    function _requireChallenge(uint256 challengeId) private view returns (PossessionChallenge storage c) {
        c = _challenges[challengeId];
        if (c.state == PossessionState.None) revert ChallengeNotInState(challengeId, PossessionState.None, PossessionState.Open);
    }

    function _requireOpen(uint256 challengeId) private view returns (PossessionChallenge storage c) {
        c = _requireChallenge(challengeId);
        if (c.state != PossessionState.Open) revert ChallengeNotInState(challengeId, c.state, PossessionState.Open);
    }

    function _requireModel(uint256 modelId) private view returns (Model storage m) {
        m = _models[modelId];
        if (m.merkleRoot == bytes32(0)) revert UnknownModel(modelId);
    }
}
