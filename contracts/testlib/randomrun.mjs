// Seeded random call sequences for test/Invariants.test.mjs. A RandomRun drives the deployed system with random
// proposals, opens (by the proposer or a keeper), commits (some copying another solver's digest), reveals or
// silences, ground-truth reveals or misses, commit-reveal votes (honest ones equal a hidden truth per task, dishonest
// ones are random; random invalid masks and bad-ground-truth flags; some malformed, so never revealable), committee
// draws, time jumps, closes, finalizations, settlements of unrevealed votes, cancellations, claims and unstake attempts. Before each call it predicts from its model and the chain's state
// whether the call succeeds or which custom error it reverts with; a wrong prediction fails the run. It keeps what
// every account is owed per task and what the treasury must have received, which invariants.mjs checks.
import assert from 'node:assert/strict';
import { keccak256, toUtf8Bytes } from 'ethers';
import { ATN, Role, TaskState, contentDigest, groundTruthCommitment, solutionCommitment, voteCommitment } from './system.mjs';
import { expectRevert } from './contract.mjs';
import { settle, settleVoid, stakeMajority } from './yuma.mjs';
import { abandonPlant, maybePlant, plantIndex, plantOpen, plantPending, revealPlant, zeroPlantInTruth } from './plants.mjs';

export const DAY = 86400n;
const MIN_STAKE = { [Role.Proposer]: ATN(100), [Role.Solver]: ATN(50), [Role.Coordinator]: ATN(500) };
const TEN_PERCENT = (x) => (x * 1000n) / 10000n;

/** mulberry32: a small seeded PRNG, so a failing sequence replays exactly from its seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who plays what, on a 16-account anvil (deploySystem funds accounts 2..15). Roles do not overlap. */
export function castOf(a) {
  const stakes = new Map();
  const cast = { proposers: [a[2], a[12]], solvers: [a[3], a[4], a[5], a[13]], coordinators: [a[6], a[7], a[11], a[14]], keepers: [a[10], a[15]] };
  cast.proposers.forEach((p) => stakes.set(`${p}/${Role.Proposer}`, ATN(100)));
  cast.solvers.forEach((s) => stakes.set(`${s}/${Role.Solver}`, ATN(50)));
  [500, 500, 1000, 2000].forEach((n, i) => stakes.set(`${cast.coordinators[i]}/${Role.Coordinator}`, ATN(n)));
  cast.staked = [...stakes.keys()].map((k) => { const [account, role] = k.split('/'); return { account, role: Number(role), target: stakes.get(k) }; });
  cast.everyone = [...cast.proposers, ...cast.solvers, ...cast.coordinators, ...cast.keepers];
  return cast;
}

/** Stakes the cast, creates project 1 (owner: the first proposer), approves the second proposer, funds it. */
export async function stakeCast(ctx, cast) {
  for (const { account, role, target } of cast.staked) await ctx.staking.send(account, 'stake', role, target);
  await ctx.project.send(cast.proposers[0], 'createProject', 'bafkreiinvariants', '');
  await ctx.project.send(cast.proposers[0], 'setProposer', 1n, cast.proposers[1], true);
  await ctx.project.send(cast.proposers[0], 'fund', 1n, ATN(50_000));
}

export class RandomRun {
  constructor(ctx, cast, seed) {
    Object.assign(this, { ctx, cast, seed, rand: prng(seed), tasks: [], log: [], salts: 0, slashed: 0n, checked: {} });
  }

  int(n) { return Math.floor(this.rand() * n); }
  chance(p) { return this.rand() < p; }
  pick(items) { return items[this.int(items.length)]; }
  salt() { return keccak256(toUtf8Bytes(`salt ${this.seed} ${this.salts++}`)); }
  unsettled() { return this.tasks.filter((t) => t.state !== TaskState.Settled); }
  /** Time of the block the next transaction lands in (the clock is fixed: one second per block). */
  async next() { return (await this.ctx.chain.timestamp()) + 1n; }
  stakeOf(account, role) { return this.ctx.staking.call('stakeOf', account, role); }

  /** Sends `fn` expecting `error` (a custom error name) or success; records the step for the failure report. */
  async expect(label, error, fn) {
    this.log.push(`${label} -> ${error ?? 'ok'}`);
    if (error) { await expectRevert(fn(), error); return null; }
    return fn();
  }

  count(what) { this.checked[what] = (this.checked[what] ?? 0) + 1; }

  owe(task, account, amount) { task.owed.set(account, (task.owed.get(account) ?? 0n) + amount); }
  payKeeper(task, keeper) {
    const bounty = task.keeperPool / 4n;
    task.keeperDuties += 1;
    this.owe(task, keeper, bounty);
  }

  /** One step: usually the action that moves a random unsettled task on (or a jump to just past its next
   * deadline), otherwise any random action, most of them then refused. */
  async step() {
    const open = this.unsettled();
    if (open.length === 0 || (open.length < 2 && this.chance(0.1))) return this.propose();
    if (this.chance(0.75)) return this.progress(this.pick(open));
    return this.randomAction();
  }

  /** The deadline (or deadlines) before which `task` still has work to do (commits, reveals, votes), or null. */
  workUntil(task) {
    if (task.state === TaskState.Committing) return task.solutions.size < this.cast.solvers.length ? task.commitDeadline : null;
    if (task.state === TaskState.GroundTruthRevealed || task.state === TaskState.Revealing) {
      return [...task.solutions.values()].some((s) => s.willReveal && !s.revealed) ? task.revealDeadline : null;
    }
    if (task.state !== TaskState.Verifying || task.revealed.length === 0) return null;
    const deadlines = task.commits.length < 4 ? [task.verifyDeadline] : [];
    if (task.commits.length < 4 || task.commits.some((c) => !c.revealed && !c.tried)) deadlines.push(this.voteRevealDeadline(task));
    return deadlines;
  }

  voteRevealDeadline(task) { return task.verifyDeadline + BigInt(task.terms.verifyWindow); }

  /** Jumps to a few seconds past `deadline`, but no further than the first deadline another task still works to. */
  async jumpPast(deadline) {
    const now = await this.ctx.chain.timestamp();
    let target = deadline + 1n + BigInt(this.int(20));
    for (const other of this.unsettled()) {
      for (const until of [].concat(this.workUntil(other) ?? [])) {
        if (until > now + 1n && until < target) target = until - BigInt(this.int(5));
      }
    }
    const seconds = target > now ? Number(target - now) : 1;
    this.log.push(`jump ${seconds}`);
    await this.ctx.chain.jump(seconds);
  }

  async progress(task) {
    const next = await this.next();
    const committable = this.cast.solvers.filter((s) => !task.solutions.has(s));
    switch (task.state) {
      case TaskState.Proposed:
        return this.open(task);
      case TaskState.Committing:
        if (next <= task.commitDeadline) return committable.length > 0 && this.chance(0.8) ? this.commit(task) : this.jumpPast(task.commitDeadline);
        if (task.revealsGroundTruth && next <= task.commitDeadline + BigInt(task.terms.revealWindow)) return this.revealGroundTruth(task);
        return this.chance(0.5) ? this.cancel(task) : this.jumpPast(task.commitDeadline + BigInt(task.terms.revealWindow));
      case TaskState.GroundTruthRevealed:
      case TaskState.Revealing: {
        const pending = [...task.solutions.values()].filter((s) => s.willReveal && !s.revealed);
        if (next <= task.revealDeadline && pending.length > 0) return this.revealSolution(task);
        return next <= task.revealDeadline ? this.jumpPast(task.revealDeadline) : this.close(task);
      }
      case TaskState.Verifying:
        if (next <= task.verifyDeadline) return task.commits.length < 4 && this.chance(0.8) ? this.vote(task) : this.jumpPast(task.verifyDeadline);
        if (next <= this.voteRevealDeadline(task)) {
          if (!task.drawn && task.commits.length > 0) return this.drawCommittee(task);
          if (task.commits.some((c) => !c.revealed && !c.tried) && this.chance(0.85)) return this.revealVote(task);
          return this.jumpPast(this.voteRevealDeadline(task));
        }
        if (plantOpen(task) && next <= this.voteRevealDeadline(task) + DAY) {
          // A plant whose solution was revealed is revealed (revealPlant first tries to abandon it); one that was not is
          // refused a reveal, or finalize, or abandoned (every other task), or left to wait out the grace. The draws are
          // those of the sequences before abandon existed, so they reach what they reached then.
          if (task.revealed.some((s) => s.digest === task.plant.digest)) return this.chance(0.85) ? revealPlant(this, task) : this.finalize(task);
          const r = this.int(3);
          const odd = (this.seed + Number(task.id)) % 2 === 1;
          return r === 0 ? revealPlant(this, task) : r === 1 ? this.finalize(task) : odd ? abandonPlant(this, task) : this.jumpPast(this.voteRevealDeadline(task) + DAY);
        }
        return this.finalize(task);
      default:
        return this.settleVote(task);
    }
  }

  /** Any action on a random task (or none), whatever its state. */
  async randomAction() {
    const kinds = ['propose', 'open', 'open', 'commit', 'commit', 'commit', 'revealGroundTruth', 'revealGroundTruth', 'revealSolution',
      'revealSolution', 'revealSolution', 'close', 'vote', 'vote', 'vote', 'revealVote', 'revealVote', 'drawCommittee', 'settleVote', 'finalize', 'cancel', 'claim', 'claim', 'claim', 'unstake', 'unstake',
      'jump', 'jump', 'jump', 'jump'];
    const kind = this.pick(kinds);
    if (kind === 'propose' || kind === 'jump' || kind === 'unstake' || kind === 'claim') return this[kind]();
    const open = this.unsettled();
    const task = open.length > 0 && this.chance(0.9) ? this.pick(open) : this.pick(this.tasks);
    return this[kind](task);
  }

  async jump() {
    const r = this.rand();
    const seconds = r < 0.7 ? 1 + this.int(300) : r < 0.95 ? 1 + this.int(1200) : Number(15n * DAY);
    this.log.push(`jump ${seconds}`);
    await this.ctx.chain.jump(seconds);
  }

  async topUp(account, role, target) {
    const now = await this.stakeOf(account, role);
    if (now < target) await this.expect(`top up ${account} role ${role}`, null, () => this.ctx.staking.send(account, 'stake', role, target - now));
  }

  async propose() {
    if (this.unsettled().length >= 3) return this.jump();
    const proposer = this.pick(this.cast.proposers);
    await this.topUp(proposer, Role.Proposer, ATN(100));
    const window = () => 60 + this.int(540);
    const gt = { digest: contentDigest(`ground truth ${this.seed} ${this.tasks.length}`), salt: this.salt() };
    const terms = {
      projectId: 1n, specCid: 'bafkreispec', gtCommit: groundTruthCommitment(proposer, gt.digest, gt.salt),
      reward: ATN(1 + this.int(40)) + BigInt(this.int(1000)), solverBond: ATN(1) + BigInt(this.int(4)) * ATN(0.5),
      commitWindow: window(), revealWindow: window(), verifyWindow: window(),
    };
    const bad = this.int(10);
    if (bad === 0) return this.expect('propose reward 399', 'RewardTooSmall', () => this.ctx.tasks.send(proposer, 'proposeTask', { ...terms, reward: 399n }));
    if (bad === 1) return this.expect('propose bond 1 ATN - 1', 'BondTooSmall', () => this.ctx.tasks.send(proposer, 'proposeTask', { ...terms, solverBond: ATN(1) - 1n }));
    const receipt = await this.expect(`propose by ${proposer}`, null, () => this.ctx.tasks.send(proposer, 'proposeTask', terms));
    const id = receipt.events.find((e) => e.name === 'TaskProposed').args.taskId;
    const stored = await this.ctx.tasks.call('getTask', id);
    const pools = await this.ctx.tasks.call('rewardSplit', terms.reward);
    this.tasks.push({
      id, proposer, terms, gt, state: TaskState.Proposed, proposedAt: stored.proposedAt, keeperPool: pools[3], keeperDuties: 0,
      pools: { solverPool: pools[0], coordinatorPool: pools[1], proposerFee: pools[2] },
      revealsGroundTruth: this.chance(0.8), solutions: new Map(), revealed: [], commits: [], votes: [], drawn: false, owed: new Map(), cancelled: false,
    });
    await maybePlant(this, this.tasks.at(-1));
  }

  async open(task) {
    const byProposer = this.chance(0.5);
    const by = byProposer ? task.proposer : this.pick(this.cast.keepers);
    const next = await this.next();
    let error = null;
    if (task.state !== TaskState.Proposed) error = 'TaskNotInState';
    else if (!byProposer && next <= task.proposedAt + BigInt(task.terms.commitWindow)) error = 'DeadlineNotReached';
    const ok = await this.expect(`open ${task.id} by ${byProposer ? 'proposer' : 'keeper'}`, error, () => this.ctx.tasks.send(by, 'openCommits', task.id));
    if (!ok) return;
    task.state = TaskState.Committing;
    task.commitDeadline = next + BigInt(task.terms.commitWindow);
    if (!byProposer) this.payKeeper(task, by);
  }

  async commit(task) {
    const fresh = this.cast.solvers.filter((s) => !task.solutions.has(s));
    const solver = fresh.length > 0 && this.chance(0.9) ? this.pick(fresh) : this.pick(this.cast.solvers);
    await this.topUp(solver, Role.Solver, ATN(50));
    const next = await this.next();
    const others = [...task.solutions.values()].filter((o) => o.digest !== task.plant?.digest);
    // A copier commits, under its own address, to a digest another solver committed to (it saw the delta early); the
    // plant's solver commits to the plant (plants.mjs), which nobody copies.
    const planted = task.plant?.solver === solver;
    const copied = others.length > 0 && this.chance(0.15) ? this.pick(others).digest : contentDigest(`delta ${this.seed} ${task.id} ${solver}`);
    const digest = planted ? task.plant.digest : copied;
    const salt = this.salt();
    let error = null;
    if (task.state !== TaskState.Committing) error = 'TaskNotInState';
    else if (next > task.commitDeadline) error = 'DeadlinePassed';
    else if (task.solutions.has(solver)) error = 'SolverNotInStatus';
    const ok = await this.expect(`commit ${task.id} by ${solver}`, error,
      () => this.ctx.tasks.send(solver, 'commitSolution', task.id, solutionCommitment(task.id, solver, digest, salt)));
    if (ok) task.solutions.set(solver, { solver, digest, salt, revealed: false, willReveal: this.chance(0.85) || planted });
  }

  async revealGroundTruth(task) {
    if (!task.revealsGroundTruth) return this.jump();
    const next = await this.next();
    const wrongSalt = this.chance(0.1);
    let error = null;
    if (task.state !== TaskState.Committing) error = 'TaskNotInState';
    else if (next <= task.commitDeadline) error = 'DeadlineNotReached';
    else if (next > task.commitDeadline + BigInt(task.terms.revealWindow)) error = 'DeadlinePassed';
    else if (wrongSalt) error = 'RevealMismatch';
    const salt = wrongSalt ? this.salt() : task.gt.salt;
    const ok = await this.expect(`reveal ground truth ${task.id}`, error, () => this.ctx.tasks.send(task.proposer, 'revealGroundTruth', task.id, task.gt.digest, salt));
    if (!ok) return;
    task.state = TaskState.GroundTruthRevealed;
    task.revealDeadline = next + BigInt(task.terms.revealWindow);
  }

  async revealSolution(task) {
    const pending = [...task.solutions.values()].filter((s) => s.willReveal && !s.revealed);
    const s = pending.length > 0 && this.chance(0.85) ? this.pick(pending) : { solver: this.pick(this.cast.solvers) };
    const next = await this.next();
    const mine = task.solutions.get(s.solver);
    const digest = mine ? mine.digest : contentDigest('never committed');
    const salt = mine ? mine.salt : this.salt();
    let error = null;
    if (task.state !== TaskState.GroundTruthRevealed && task.state !== TaskState.Revealing) error = 'TaskNotInState';
    else if (next > task.revealDeadline) error = 'DeadlinePassed';
    else if (!mine || mine.revealed) error = 'SolverNotInStatus';
    else if (task.revealed.some((r) => r.digest === digest)) error = 'DuplicateSolution';
    const ok = await this.expect(`reveal ${task.id} by ${s.solver}`, error, () => this.ctx.tasks.send(s.solver, 'revealSolution', task.id, digest, salt));
    if (error === 'DuplicateSolution') mine.willReveal = false; // the copier gives up
    if (!ok) return;
    task.state = TaskState.Revealing;
    mine.revealed = true;
    task.revealed.push(mine);
  }

  async close(task) {
    const keeper = this.pick(this.cast.keepers);
    const next = await this.next();
    let error = null;
    if (task.state !== TaskState.GroundTruthRevealed && task.state !== TaskState.Revealing) error = 'TaskNotInState';
    else if (next <= task.revealDeadline) error = 'DeadlineNotReached';
    const ok = await this.expect(`close ${task.id}`, error, () => this.ctx.tasks.send(keeper, 'closeReveals', task.id));
    if (!ok) return;
    task.state = TaskState.Verifying;
    task.verifyDeadline = next + BigInt(task.terms.verifyWindow);
    this.payKeeper(task, keeper);
  }

  /** A random vote: scores 0..10000, each solution flagged with probability `pInvalid` (then scored 0), the ground
   * truth with probability `pBad`. */
  randomVote(n, pInvalid, pBad) {
    let invalid = 0n;
    const scores = Array.from({ length: n }, (_, j) => {
      if (this.chance(pInvalid)) { invalid |= 1n << BigInt(j); return 0; }
      return this.int(10001);
    });
    return { scores, invalid, badGroundTruth: this.chance(pBad) };
  }

  /** Commits a vote (its reveal comes after the verify window); a malformed one can never be revealed. */
  async vote(task) {
    const fresh = this.cast.coordinators.filter((c) => !task.commits.some((v) => v.coordinator === c));
    const coordinator = fresh.length > 0 && this.chance(0.9) ? this.pick(fresh) : this.pick(this.cast.coordinators);
    const n = task.revealed.length;
    // Honest coordinators all vote the task's hidden truth; the others vote at random.
    if (task.state === TaskState.Verifying && !task.truth) {
      task.truth = this.randomVote(n, 0.3, 0.15);
      zeroPlantInTruth(task);
    }
    let honest = this.chance(0.7);
    const vote = { ...(honest && task.truth ? task.truth : this.randomVote(n, 0.3, 0.2)) };
    const malformed = this.int(12);
    let revealError = null;
    if (malformed === 0) { vote.invalid = 1n << BigInt(n); revealError = 'InvalidMaskOutOfRange'; honest = false; }
    else if (malformed === 1 && n > 0) { vote.invalid = 1n; vote.scores = [1, ...vote.scores.slice(1)]; revealError = 'FlaggedSolutionScored'; honest = false; }
    const salt = this.salt();
    const next = await this.next();
    const stake = await this.stakeOf(coordinator, Role.Coordinator);
    let error = null;
    if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
    else if (next > task.verifyDeadline) error = 'DeadlinePassed';
    else if (stake < MIN_STAKE[Role.Coordinator]) error = 'NotCoordinator';
    else if (task.commits.some((v) => v.coordinator === coordinator)) error = 'AlreadyVoted';
    else if (n === 0) error = 'NothingToScore';
    const commitment = voteCommitment(task.id, coordinator, vote.scores, vote.invalid, vote.badGroundTruth, salt);
    const ok = await this.expect(`vote ${task.id} by ${coordinator}${honest ? ' (honest)' : ''}`, error,
      () => this.ctx.rewards.send(coordinator, 'commitVote', task.id, commitment));
    if (ok) task.commits.push({ coordinator, ...vote, salt, stake, honest, revealError, revealed: false, settled: false, tried: false });
    else if (stake < MIN_STAKE[Role.Coordinator] && this.chance(0.5)) await this.topUp(coordinator, Role.Coordinator, this.cast.staked.find((s) => s.account === coordinator).target);
  }

  /** A keeper anchors the committee draw (every coordinator of the cast holds over 1/16 of any committed stake, so
   * all who committed sit on it). */
  async drawCommittee(task) {
    const keeper = this.pick(this.cast.keepers);
    const next = await this.next();
    let error = null;
    if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
    else if (next <= task.verifyDeadline) error = 'DeadlineNotReached';
    else if (task.drawn) error = 'CommitteeAlreadyDrawn';
    const ok = await this.expect(`draw ${task.id}`, error, () => this.ctx.rewards.send(keeper, 'drawCommittee', task.id));
    if (ok) task.drawn = true;
  }

  async revealVote(task) {
    const untried = (task.commits ?? []).filter((c) => !c.revealed && !c.tried);
    const pending = untried.length > 0 ? untried : (task.commits ?? []).filter((c) => !c.revealed);
    const commit = pending.length > 0 ? this.pick(pending) : { coordinator: this.pick(this.cast.coordinators), scores: [], invalid: 0n, badGroundTruth: false, salt: this.salt(), missing: true };
    const next = await this.next();
    let error = null;
    if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
    else if (next <= task.verifyDeadline) error = 'DeadlineNotReached';
    else if (next > this.voteRevealDeadline(task)) error = 'DeadlinePassed';
    else if (commit.missing || !task.commits.includes(commit)) error = task.commits.some((c) => c.coordinator === commit.coordinator) ? 'AlreadyVoted' : 'NoVoteCommitted';
    else if (!task.drawn) error = 'CommitteeNotDrawn';
    else error = commit.revealError;
    if (error && error === commit.revealError) this.count('malformed vote refused');
    if (error === null || error === commit.revealError) commit.tried = true;
    const ok = await this.expect(`reveal vote ${task.id} by ${commit.coordinator}${commit.honest ? ' (honest)' : ''}`, error,
      () => this.ctx.rewards.send(commit.coordinator, 'revealVote', task.id, commit.scores, commit.invalid, commit.badGroundTruth, commit.salt));
    if (!ok) return;
    commit.revealed = true;
    task.votes.push(commit);
  }

  /** Settles an unrevealed committed vote of a settled task: a drawn one is slashed 10% of its committed stake. */
  async settleVote(task) {
    const pending = (task.commits ?? []).filter((c) => !c.settled);
    const all = task.commits ?? [];
    const commit = pending.length > 0 && this.chance(0.8) ? this.pick(pending) : all.length > 0 && this.chance(0.7) ? this.pick(all) : null;
    const coordinator = commit?.coordinator ?? this.pick(this.cast.coordinators);
    const keeper = this.pick(this.cast.keepers);
    let error = null;
    const known = (task.commits ?? []).find((c) => c.coordinator === coordinator);
    if (task.state !== TaskState.Settled) error = 'TaskNotInState';
    else if (!known) error = 'NoVoteCommitted';
    else if (known.settled) error = 'VoteSettled';
    const before = await this.stakeOf(coordinator, Role.Coordinator);
    const ok = await this.expect(`settle vote ${task.id} of ${coordinator}`, error, () => this.ctx.rewards.send(keeper, 'settleVote', task.id, coordinator));
    if (!ok) return;
    known.settled = true;
    const wanted = task.drawn && task.votes.length < 32 ? TEN_PERCENT(known.stake) : 0n;
    const penalty = wanted < before ? wanted : before;
    this.slashed += penalty;
    if (penalty > 0n) this.count('unrevealed vote slashed');
    assert.ok(!known.revealed, 'rule: a revealed vote is never slashed for not revealing');
    assert.equal(await this.stakeOf(coordinator, Role.Coordinator), before - penalty, 'rule: a drawn committer that never revealed loses 10% of its committed stake, nobody else anything');
  }

  async finalize(task) {
    const keeper = this.pick(this.cast.keepers);
    const next = await this.next();
    let error = null;
    if (task.state !== TaskState.Verifying) error = 'TaskNotInState';
    else if (next <= this.voteRevealDeadline(task)) error = 'DeadlineNotReached';
    else if (plantPending(task, next, this.voteRevealDeadline(task))) error = 'ForcedErrorPending';
    if (error) return this.expect(`finalize ${task.id}`, error, () => this.ctx.rewards.send(keeper, 'finalize', task.id));
    const before = await Promise.all(task.votes.map((v) => this.stakeOf(v.coordinator, Role.Coordinator)));
    const proposerStake = await this.stakeOf(task.proposer, Role.Proposer);
    await this.expect(`finalize ${task.id}`, null, () => this.ctx.rewards.send(keeper, 'finalize', task.id));
    this.payKeeper(task, keeper);
    this.settleRevealed(task);
    await this.checkSettlement(task, before, proposerStake);
  }

  settleRevealed(task) {
    task.state = TaskState.Settled;
    for (const v of task.votes) v.settled = true;
  }

  /** What finalize must have done, from the reference in yuma.mjs; each assertion names its rule. */
  async checkSettlement(task, stakesBefore, proposerStake) {
    const { rewards, staking } = this.ctx;
    const stakes = task.votes.map((v) => v.stake);
    const voided = stakeMajority(stakes, (i) => task.votes[i].badGroundTruth);
    assert.equal((await rewards.call('poolOf', task.id)).voided, voided, 'rule: a task is void iff a strict stake majority flags its ground truth');
    let flagged = task.revealed.map(() => false);
    if (voided) {
      this.count('void');
      settleVoid({ stakes, badGroundTruth: task.votes.map((v) => v.badGroundTruth), coordinatorPool: task.pools.coordinatorPool })
        .coordinatorRewards.forEach((r, i) => this.owe(task, task.votes[i].coordinator, r));
      const penalty = TEN_PERCENT(proposerStake);
      this.slashed += penalty;
      assert.equal(await staking.call('stakeOf', task.proposer, Role.Proposer), proposerStake - penalty, 'rule: a void task slashes its proposer 10%');
    } else {
      this.owe(task, task.proposer, task.pools.proposerFee);
      if (task.revealed.length > 0 && task.votes.length > 0) {
        const outcome = settle({ scores: task.votes.map((v) => v.scores), invalid: task.votes.map((v) => v.invalid), stakes, forcedIndex: plantIndex(task), ...task.pools });
        outcome.solverRewards.forEach((r, j) => this.owe(task, task.revealed[j].solver, r));
        outcome.coordinatorRewards.forEach((r, i) => this.owe(task, task.votes[i].coordinator, r));
        ({ flagged } = outcome);
        const honestStake = task.votes.reduce((a, v) => (v.honest ? a + v.stake : a), 0n);
        if (honestStake * 2n > stakes.reduce((a, b) => a + b, 0n)) {
          this.count('honest majority');
          for (const [i, v] of task.votes.entries()) {
            if (!v.honest) continue;
            assert.equal(await rewards.call('agreementOf', task.id, v.coordinator), 10000n, 'rule: with an honest stake majority consensus is the honest vote');
          }
          task.revealed.forEach((s, j) => assert.equal(flagged[j], ((task.truth.invalid >> BigInt(j)) & 1n) === 1n,
            'rule: with an honest stake majority exactly the solutions the honest coordinators flagged are forfeited'));
        }
      }
    }
    for (const [i, v] of task.votes.entries()) {
      assert.equal(await staking.call('stakeOf', v.coordinator, Role.Coordinator), stakesBefore[i], 'rule: no coordinator is slashed for disagreeing with consensus');
    }
    for (const s of task.solutions.values()) {
      const j = task.revealed.indexOf(s);
      const forfeited = j < 0 || flagged[j];
      if (!forfeited) this.owe(task, s.solver, task.terms.solverBond);
      this.count(j < 0 ? 'unrevealed bond' : flagged[j] ? 'flagged solution' : 'kept bond');
      assert.equal(await rewards.call('bondForfeited', task.id, s.solver), forfeited,
        j < 0 ? 'rule: a committed solver that never revealed forfeits its bond' : 'rule: a revealed solution keeps its bond unless a stake majority flagged it');
    }
  }

  async cancel(task) {
    const byProposer = this.chance(0.5);
    const by = byProposer ? task.proposer : this.pick(this.cast.keepers);
    const next = await this.next();
    let error = null;
    if (task.state === TaskState.Proposed) error = byProposer ? null : 'NotProposer';
    else if (task.state !== TaskState.Committing) error = 'TaskNotInState';
    else if (next <= task.commitDeadline + BigInt(task.terms.revealWindow)) error = 'DeadlineNotReached';
    const missed = task.state === TaskState.Committing;
    const proposerStake = await this.stakeOf(task.proposer, Role.Proposer);
    const ok = await this.expect(`cancel ${task.id} by ${byProposer ? 'proposer' : 'keeper'}`, error, () => this.ctx.tasks.send(by, 'cancelTask', task.id));
    if (!ok) return;
    task.state = TaskState.Settled;
    task.cancelled = true;
    for (const s of task.solutions.values()) this.owe(task, s.solver, task.terms.solverBond);
    if (!missed) return;
    this.payKeeper(task, by);
    const penalty = TEN_PERCENT(proposerStake);
    this.slashed += penalty;
    assert.equal(await this.ctx.staking.call('stakeOf', task.proposer, Role.Proposer), proposerStake - penalty, 'rule: a missed ground-truth reveal slashes the proposer 10%');
  }

  async claim() {
    if (this.tasks.length === 0) return this.jump();
    const task = this.pick(this.tasks);
    const owed = [...task.owed.entries()].filter(([, v]) => v > 0n).map(([k]) => k);
    const account = owed.length > 0 && this.chance(0.85) ? this.pick(owed) : this.pick(this.cast.everyone);
    const [total, left] = await Promise.all([this.ctx.rewards.call('rewardOf', task.id, account), this.ctx.rewards.call('unclaimedOf', task.id, account)]);
    const error = total === 0n ? 'NothingToClaim' : left === 0n ? 'AlreadyClaimed' : null;
    const before = await this.ctx.token.call('balanceOf', account);
    const ok = await this.expect(`claim ${task.id} by ${account}`, error, () => this.ctx.rewards.send(account, 'claim', task.id));
    if (ok) assert.equal(await this.ctx.token.call('balanceOf', account), before + left, 'rule: claim pays what is owed minus what was claimed');
  }

  async unstake() {
    // Half the time one whose stake the model says is held (an unsettled task or committed vote), to test the hold.
    const held = this.cast.staked.filter((s) => s.role === Role.Coordinator && this.tasks.some((t) => (t.commits ?? []).some((c) => c.coordinator === s.account && !c.settled)));
    const { account, role, target } = held.length > 0 && this.chance(0.5) ? this.pick(held) : this.pick(this.cast.staked);
    const [stake, unlockAt, holds] = await Promise.all([this.stakeOf(account, role), this.ctx.staking.call('unlockTimeOf', account, role), this.ctx.staking.call('holdsOf', account, role)]);
    if (stake === 0n) return this.topUp(account, role, target);
    const next = await this.next();
    const error = next < unlockAt ? 'StakeLocked' : holds > 0n ? 'StakeHeld' : null;
    const ok = await this.expect(`unstake ${account} role ${role}`, error, () => this.ctx.staking.send(account, 'unstake', role, stake));
    if (ok) await this.topUp(account, role, target);
  }

  /** Liveness: once enough time passes, keepers alone bring every task to Settled (four duties at most). */
  async settleAll() {
    for (let round = 0; round < 5 && this.unsettled().length > 0; round++) {
      for (const task of this.unsettled()) {
        const keeper = this.cast.keepers[0];
        const now = await this.ctx.chain.timestamp();
        if (task.state === TaskState.Proposed) {
          const due = task.proposedAt + BigInt(task.terms.commitWindow);
          if (due >= now) await this.ctx.chain.jump(Number(due - now + 1n));
          await this.openBy(task, keeper);
        } else if (task.state === TaskState.Committing) {
          const due = task.commitDeadline + BigInt(task.terms.revealWindow);
          if (due >= now) await this.ctx.chain.jump(Number(due - now + 1n));
          const stake = await this.stakeOf(task.proposer, Role.Proposer);
          task.revealsGroundTruth = false;
          await this.cancelBy(task, keeper, stake);
        } else if (task.state === TaskState.Verifying) {
          // The committed coordinators reveal when due (a malformed commit stays unrevealable and is slashed).
          if (task.verifyDeadline >= now) await this.ctx.chain.jump(Number(task.verifyDeadline - now + 1n));
          if (await this.next() <= this.voteRevealDeadline(task)) {
            if (!task.drawn && task.commits.length > 0) await this.drawCommittee(task);
            while (task.drawn && task.commits.some((c) => !c.revealed && !c.tried) && await this.next() <= this.voteRevealDeadline(task)) await this.revealVote(task);
          }
          const due = this.voteRevealDeadline(task);
          const later = await this.ctx.chain.timestamp();
          if (due >= later) await this.ctx.chain.jump(Number(due - later + 1n));
          if (plantOpen(task) && task.revealed.some((s) => s.digest === task.plant.digest)) await revealPlant(this, task);
          if (plantPending(task, await this.next(), due)) await this.ctx.chain.jump(Number(due + 86400n - (await this.ctx.chain.timestamp()) + 1n));
          await this.finalizeDue(task, keeper);
        } else {
          if (task.revealDeadline >= now) await this.ctx.chain.jump(Number(task.revealDeadline - now + 1n));
          await this.closeBy(task, keeper);
        }
      }
    }
    assert.deepEqual(this.unsettled().map((t) => t.id), [], 'rule: every task reaches Settled once enough time passes and keepers act');
    for (const task of this.tasks) {
      while ((task.commits ?? []).some((c) => !c.settled)) await this.settleVote(task);
    }
  }

  async openBy(task, keeper) {
    const next = await this.next();
    await this.expect(`keeper opens ${task.id}`, null, () => this.ctx.tasks.send(keeper, 'openCommits', task.id));
    task.state = TaskState.Committing;
    task.commitDeadline = next + BigInt(task.terms.commitWindow);
    this.payKeeper(task, keeper);
  }

  async cancelBy(task, keeper, proposerStake) {
    await this.expect(`keeper cancels ${task.id}`, null, () => this.ctx.tasks.send(keeper, 'cancelTask', task.id));
    task.state = TaskState.Settled;
    task.cancelled = true;
    for (const s of task.solutions.values()) this.owe(task, s.solver, task.terms.solverBond);
    this.payKeeper(task, keeper);
    this.slashed += TEN_PERCENT(proposerStake);
  }

  async closeBy(task, keeper) {
    const next = await this.next();
    await this.expect(`keeper closes ${task.id}`, null, () => this.ctx.tasks.send(keeper, 'closeReveals', task.id));
    task.state = TaskState.Verifying;
    task.verifyDeadline = next + BigInt(task.terms.verifyWindow);
    this.payKeeper(task, keeper);
  }

  async finalizeDue(task, keeper) {
    const before = await Promise.all(task.votes.map((v) => this.stakeOf(v.coordinator, Role.Coordinator)));
    const proposerStake = await this.stakeOf(task.proposer, Role.Proposer);
    await this.expect(`keeper finalizes ${task.id}`, null, () => this.ctx.rewards.send(keeper, 'finalize', task.id));
    this.payKeeper(task, keeper);
    this.settleRevealed(task);
    await this.checkSettlement(task, before, proposerStake);
  }

  /** Everyone claims everything it is owed. */
  async claimAll() {
    for (const task of this.tasks) {
      for (const [account, amount] of task.owed) {
        const left = await this.ctx.rewards.call('unclaimedOf', task.id, account);
        if (amount > 0n && left > 0n) await this.expect(`final claim ${task.id} by ${account}`, null, () => this.ctx.rewards.send(account, 'claim', task.id));
      }
    }
  }
}
