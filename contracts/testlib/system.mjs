// Deploys and wires the whole contract system on a Chain the way contracts/README.md describes, and
// hands every dev account ATN with allowances, so each test starts from the same known state.
import { parseEther, MaxUint256, keccak256, sha256, toUtf8Bytes, AbiCoder, hexlify, randomBytes } from 'ethers';
import { Contract } from './contract.mjs';

export const Role = { Proposer: 0, Solver: 1, Coordinator: 2, Aggregator: 3 };
export const TaskState = { None: 0n, Proposed: 1n, Committing: 2n, GroundTruthRevealed: 3n, Revealing: 4n, Verifying: 5n, Settled: 6n };
export const SolverStatus = { None: 0n, Committed: 1n, Revealed: 2n };
export const ATN = (n) => parseEther(String(n));
export const coder = AbiCoder.defaultAbiCoder();
export const randomSalt = () => hexlify(randomBytes(32));
export const ZERO32 = '0x' + '00'.repeat(32);
/** A stand-in content id on chain: the sha2-256 digest of `label` (a CIDv1's multihash digest in production). */
export const contentDigest = (label) => sha256(toUtf8Bytes(label));

export const PROVIDER_MIN_STAKE = ATN(200);
export const PROVIDER_LOCK = 7 * 24 * 3600;
/** ModelChallenges' windows in the test deployment: challenges accepted for an hour after a publish, votes for an hour after a challenge. */
export const CHALLENGE_WINDOW = 3600;
export const CHALLENGE_VOTE_WINDOW = 3600;

/** Deploys ATNToken, ParticipantStaking, Project, TaskContract, ResultsRewards, ForcedErrorRegistry,
 * ModelShardRegistry and ModelChallenges, wires them, and funds accounts[2..] with 100k ATN each and unlimited allowances (staking,
 * project, shard registry, ResultsRewards for solver bonds, ModelChallenges for aggregator and challenger bonds). */
export async function deploySystem(chain) {
  const a = chain.accounts;
  const who = {
    admin: a[0], treasury: a[1], owner: a[2], solvers: [a[3], a[4], a[5]], coordinators: [a[6], a[7]],
    aggregator: a[8], planter: a[9], outsider: a[10], extra: a[11],
  };
  const token = await Contract.deploy(chain, 'ATNToken', who.admin, [who.admin, ATN(10_000_000)]);
  const staking = await Contract.deploy(chain, 'ParticipantStaking', who.admin, [token.address, who.treasury, who.admin]);
  const project = await Contract.deploy(chain, 'Project', who.admin, [token.address, staking.address, who.admin]);
  const tasks = await Contract.deploy(chain, 'TaskContract', who.admin, [staking.address, project.address, who.admin]);
  const rewards = await Contract.deploy(chain, 'ResultsRewards', who.admin, [token.address, staking.address, tasks.address, project.address, who.admin]);
  const forced = await Contract.deploy(chain, 'ForcedErrorRegistry', who.admin, [staking.address, tasks.address, rewards.address, who.admin]);
  const shards = await Contract.deploy(chain, 'ModelShardRegistry', who.admin, [token.address, PROVIDER_MIN_STAKE, PROVIDER_LOCK]);
  const challenges = await Contract.deploy(chain, 'ModelChallenges', who.admin,
    [token.address, staking.address, tasks.address, project.address, CHALLENGE_WINDOW, CHALLENGE_VOTE_WINDOW]);

  await tasks.send(who.admin, 'setResultsRewards', rewards.address);
  await rewards.send(who.admin, 'setForcedErrorRegistry', forced.address);
  await project.send(who.admin, 'setAllocator', tasks.address, true);
  await staking.send(who.admin, 'setSlasher', rewards.address, true);
  await staking.send(who.admin, 'setSlasher', forced.address, true);
  await staking.send(who.admin, 'setSlasher', tasks.address, true);
  await project.send(who.admin, 'setChallenges', challenges.address);
  await staking.send(who.admin, 'setSlasher', challenges.address, true);
  await forced.send(who.admin, 'setPlanter', who.planter, true);

  for (const account of a.slice(2)) {
    await token.send(who.admin, 'transfer', account, ATN(100_000));
    for (const spender of [staking, project, shards, rewards, challenges]) await token.send(account, 'approve', spender.address, MaxUint256);
  }
  return { token, staking, project, tasks, rewards, forced, shards, challenges, who };
}

/** keccak256(abi.encode(uint256 taskId, address solver, bytes32 digest, bytes32 salt)), as TaskContract.solutionCommitment. */
export function solutionCommitment(taskId, solver, digest, salt) {
  return keccak256(coder.encode(['uint256', 'address', 'bytes32', 'bytes32'], [taskId, solver, digest, salt]));
}

/** keccak256(abi.encode(address proposer, bytes32 gtDigest, bytes32 salt)), as TaskContract.groundTruthCommitment. */
export function groundTruthCommitment(proposer, gtDigest, salt) {
  return keccak256(coder.encode(['address', 'bytes32', 'bytes32'], [proposer, gtDigest, salt]));
}

/** The per-task seed revealGroundTruth fixes: keccak256(abi.encode(uint256 taskId, bytes32 salt, bytes32 parentHash)). */
export function taskSeed(taskId, salt, parentHash) {
  return keccak256(coder.encode(['uint256', 'bytes32', 'bytes32'], [taskId, salt, parentHash]));
}

/** keccak256(abi.encode(taskId, solver, digest, salt)), as ForcedErrorRegistry.flagCommitment: the plant's digest inside. */
export function flagCommitment(taskId, solver, digest, salt) {
  return keccak256(coder.encode(['uint256', 'address', 'bytes32', 'bytes32'], [taskId, solver, digest, salt]));
}

/** keccak256(abi.encode(planter, account, accountSalt)), as ForcedErrorRegistry.plantAccountCommitment. */
export function plantAccountCommitment(planter, account, accountSalt) {
  return keccak256(coder.encode(['address', 'address', 'bytes32'], [planter, account, accountSalt]));
}

/** keccak256(abi.encode(taskId, coordinator, uint16[] scores, invalid, badGroundTruth, salt)), as ResultsRewards.voteCommitment. */
export function voteCommitment(taskId, coordinator, scores, invalid, badGroundTruth, salt) {
  return keccak256(coder.encode(['uint256', 'address', 'uint16[]', 'uint256', 'bool', 'bytes32'], [taskId, coordinator, scores, invalid, badGroundTruth, salt]));
}
