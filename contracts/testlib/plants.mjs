// Forced errors in RandomRun's sequences (test/Invariants.test.mjs): some tasks get a plant, committed by the planter
// while the task is Proposed to one cast solver and a digest only that solver commits to; honest coordinators score it
// 0 (the task's hidden truth has 0 there), and the planter reveals it after the vote-reveal window, when each counted
// vote that scored it above 0 loses 5 % of its stake. The plant's solver is registered as a plant account just before
// the plant (a block earlier, as the rule needs); an account plants once, so a reveal of a cast solver that an earlier
// reveal used is predicted to be refused (PlantAccountAlreadyUsed; the 16 default sequences never reuse one, so
// test/ForcedErrorRegistry.test.mjs covers that refusal) and the task waits out the grace. Each call's success or exact
// revert is predicted, as in randomrun.mjs, and the reveal checks the property: no coordinator that voted the honest
// truth is slashed by a plant. A plant whose solution was not revealed in the task may be abandoned after the
// vote-reveal window (abandonPlant): nobody is judged and finalize need not wait out the grace; an abandon of a
// revealed plant is predicted to be refused (PlantRevealedInTask).
import assert from 'node:assert/strict';
import { keccak256, toUtf8Bytes } from 'ethers';
import { Role, TaskState, contentDigest, flagCommitment, plantAccountCommitment } from './system.mjs';

const MISS_PENALTY = (stake) => (stake * 500n) / 10000n; // ForcedErrorRegistry.MISS_PENALTY_SHARE
const GRACE = 86400n; // ResultsRewards.FORCED_REVEAL_GRACE

/** Plants a forced error in three of every five just-proposed tasks (chosen from the seed and the task id, not from the
 * run's random stream, so the sequences' other draws stay what they were without plants). */
export async function maybePlant(run, task) {
  const pick = (run.seed + Number(task.id)) % 5;
  if (pick >= 3) return;
  const plant = { solver: run.cast.solvers[(run.seed + Number(task.id)) % run.cast.solvers.length], digest: contentDigest(`plant ${run.seed} ${task.id}`), salt: run.salt(), revealed: false };
  // Not run.salt(): the account salt leaves the run's other salts what they were without registrations.
  plant.accountSalt = keccak256(toUtf8Bytes(`plant account ${run.seed} ${task.id}`));
  const planter = run.ctx.who.planter;
  await run.expect(`register plant account ${task.id}`, null, () => run.ctx.forced.send(planter, 'registerPlantAccounts', [plantAccountCommitment(planter, plant.solver, plant.accountSalt)]));
  await run.expect(`plant ${task.id}`, null, () => run.ctx.forced.send(run.ctx.who.planter, 'plant', task.id, flagCommitment(task.id, plant.solver, plant.digest, plant.salt)));
  task.plant = plant;
}

/** Whether `task` has a plant neither revealed nor abandoned. */
export function plantOpen(task) {
  return task.plant !== undefined && !task.plant.revealed && !task.plant.abandoned;
}

/** Whether finalizing `task` at `next` must wait for its pending plant. */
export function plantPending(task, next, voteRevealDeadline) {
  return plantOpen(task) && next <= voteRevealDeadline + GRACE;
}

/** The index of the revealed plant among `task.revealed`, or -1. */
export function plantIndex(task) {
  return task.plant?.revealed ? task.revealed.findIndex((s) => s.digest === task.plant.digest) : -1;
}

/** The honest truth scores a revealed plant 0. */
export function zeroPlantInTruth(task) {
  const j = task.revealed.findIndex((s) => s.digest === task.plant?.digest);
  if (j >= 0 && task.truth) task.truth.scores[j] = 0;
}

/** The planter reveals `task`'s plant; every counted vote that scored it above 0 is slashed 5 %, an honest one never. */
export async function revealPlant(run, task) {
  const j = task.revealed.findIndex((s) => s.digest === task.plant?.digest);
  // Every other revealed plant is first tried as an abandon, as a planter sparing the coordinators that missed it would:
  // refused (PlantRevealedInTask), and refused transactions draw nothing from the run's random stream.
  if (j >= 0 && plantOpen(task) && (run.seed + Number(task.id)) % 2 === 1) await abandonPlant(run, task);
  const next = await run.next();
  let error = null;
  if (!plantOpen(task)) error = 'NoPendingPlant';
  else if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
  else if (next <= run.voteRevealDeadline(task)) error = 'DeadlineNotReached';
  else if (j < 0) error = 'PlantNotRevealedInTask';
  else if (run.usedPlantAccounts?.has(task.plant.solver)) error = 'PlantAccountAlreadyUsed';
  const plant = task.plant ?? { solver: run.pick(run.cast.solvers), salt: run.salt(), accountSalt: '0x' + '00'.repeat(32) };
  const before = await Promise.all(task.votes.map((v) => run.stakeOf(v.coordinator, Role.Coordinator)));
  const ok = await run.expect(`reveal plant ${task.id}`, error, () => run.ctx.forced.send(run.ctx.who.planter, 'reveal', task.id, plant.solver, plant.salt, plant.accountSalt));
  if (!ok) return;
  plant.revealed = true;
  (run.usedPlantAccounts ??= new Set()).add(plant.solver);
  // Votes are judged in order; a coordinator counted twice is impossible (one vote per task), so each slash is of its stake before.
  for (const [i, v] of task.votes.entries()) {
    const penalty = v.scores[j] > 0 ? MISS_PENALTY(before[i]) : 0n;
    run.slashed += penalty;
    run.count(penalty > 0n ? 'plant missed' : 'plant caught');
    if (v.honest) {
      assert.equal(v.scores[j], 0, 'rule: the honest truth scores a plant 0');
      run.count('honest coordinator caught a plant');
    }
    assert.equal(await run.stakeOf(v.coordinator, Role.Coordinator), before[i] - penalty,
      v.honest ? 'rule: no honest coordinator is slashed by a forced error' : 'rule: a counted vote that scored the plant above 0 loses 5 % of its stake');
  }
}

/** The planter abandons `task`'s plant: refused unless its solution was never revealed in the task; judges nobody. */
export async function abandonPlant(run, task) {
  const next = await run.next();
  let error = null;
  if (!plantOpen(task)) error = 'NoPendingPlant';
  else if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
  else if (next <= run.voteRevealDeadline(task)) error = 'DeadlineNotReached';
  else if (task.revealed.some((s) => s.digest === task.plant.digest)) error = 'PlantRevealedInTask';
  else if (run.usedPlantAccounts?.has(task.plant.solver)) error = 'PlantAccountAlreadyUsed';
  const plant = task.plant ?? { solver: run.pick(run.cast.solvers), digest: contentDigest('no plant'), salt: run.salt(), accountSalt: '0x' + '00'.repeat(32) };
  const stakes = await Promise.all(task.votes.map((v) => run.stakeOf(v.coordinator, Role.Coordinator)));
  const ok = await run.expect(`abandon plant ${task.id}`, error, () => run.ctx.forced.send(run.ctx.who.planter, 'abandon', task.id, plant.solver, plant.digest, plant.salt, plant.accountSalt));
  if (!ok) return;
  plant.abandoned = true;
  (run.usedPlantAccounts ??= new Set()).add(plant.solver);
  for (const [i, v] of task.votes.entries()) {
    assert.equal(await run.stakeOf(v.coordinator, Role.Coordinator), stakes[i], 'rule: an abandoned plant judges nobody');
  }
}
