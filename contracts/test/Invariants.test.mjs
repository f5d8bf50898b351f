// Property test: seeded random call sequences against one anvil (each sequence starts from the same snapshot of
// a deployed and staked system, on a fixed one-second-per-block clock, so a seed replays exactly). After every step
// testlib/invariants.mjs checks conservation, solvency, holds, states and what each account is owed (forced errors are
// planted and revealed or abandoned too, testlib/plants.mjs: no honest coordinator is slashed by one, an abandoned one
// judges nobody); finalize and
// cancel are checked against the reference settlement; at the end keepers alone must settle every task and, once
// everyone claimed, ResultsRewards must be empty. Replay one seed with INVARIANT_SEED=<seed> INVARIANT_SEQUENCES=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Chain } from '../testlib/chain.mjs';
import { deploySystem } from '../testlib/system.mjs';
import { RandomRun, castOf, stakeCast } from '../testlib/randomrun.mjs';
import { checkInvariants } from '../testlib/invariants.mjs';
import { ChallengeRun } from '../testlib/challengerun.mjs';

const SEED = Number(process.env.INVARIANT_SEED ?? 1201);
const SEQUENCES = Number(process.env.INVARIANT_SEQUENCES ?? 16);
const STEPS = 50;
const ctx = {};
const outcomes = new Map();
let base;

before(async () => {
  ctx.chain = await Chain.start({ accounts: 16 });
  process.once('exit', () => ctx.chain.stop());
  Object.assign(ctx, await deploySystem(ctx.chain));
  ctx.cast = castOf(ctx.chain.accounts);
  await stakeCast(ctx, ctx.cast);
  await ctx.chain.increaseTime(15 * 86400); // every stake's lock has run out: only holds keep stakes in
  base = await ctx.chain.snapshot();
});
after(() => ctx.chain?.stop());

for (let i = 0; i < SEQUENCES; i++) {
  const seed = SEED + i;
  test(`random sequence, seed ${seed}`, async () => {
    await ctx.chain.revert(base);
    base = await ctx.chain.snapshot();
    await ctx.chain.fixClock();
    const run = new RandomRun(ctx, ctx.cast, seed);
    run.treasury0 = await ctx.token.call('balanceOf', ctx.who.treasury);
    try {
      await checkInvariants(run);
      for (let step = 0; step < STEPS; step++) {
        await run.step();
        await checkInvariants(run);
      }
      await run.settleAll();
      await checkInvariants(run);
      await run.claimAll();
      await checkInvariants(run);
      assert.equal(await ctx.token.call('balanceOf', ctx.rewards.address), 0n, 'rule: once every task settled and everyone claimed, nothing is left in ResultsRewards');
      for (const line of run.log) {
        const key = line.replace(/0x[0-9a-fA-F]+|\(honest\)|\d+/g, '').replace(/ +/g, ' ');
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      for (const [rule, n] of Object.entries(run.checked)) outcomes.set(`checked: ${rule}`, (outcomes.get(`checked: ${rule}`) ?? 0) + n);
    } catch (err) {
      err.message += `\n  seed ${seed}, last steps:\n    ${run.log.slice(-12).join('\n    ')}`;
      throw err;
    }
  });
}

test('the sequences exercised every action, its refusals, voids, flags, honest majorities and unrevealed votes', (t) => {
  const keys = [...outcomes.keys()].sort();
  t.diagnostic(keys.map((key) => `${key}: ${outcomes.get(key)}`).join('; '));
  const needed = [['open by keeper', 'ok'], ['open by keeper', 'DeadlineNotReached'], ['commit', 'ok'], ['reveal by', 'DuplicateSolution'],
    ['reveal ground truth', 'ok'], ['vote', 'ok'], ['reveal vote', 'ok'], ['checked: malformed vote refused', ''],
    ['draw', 'ok'], ['settle vote', 'ok'], ['settle vote', 'VoteSettled'], ['checked: unrevealed vote slashed', ''], ['finalize', 'ok'], ['cancel by keeper', 'ok'],
    ['cancel by proposer', 'ok'], ['claim', 'ok'], ['unstake', 'StakeHeld'], ['unstake', 'ok'], ['checked: void', ''],
    ['checked: flagged solution', ''], ['checked: honest majority', ''], ['checked: unrevealed bond', ''], ['checked: kept bond', ''],
    ['plant', 'ok'], ['reveal plant', 'ok'], ['reveal plant', 'PlantNotRevealedInTask'], ['finalize', 'ForcedErrorPending'],
    ['abandon plant', 'ok'], ['abandon plant', 'PlantRevealedInTask'],
    ['checked: plant missed', ''], ['checked: honest coordinator caught a plant', '']];
  for (const [action, outcome] of needed) {
    assert.ok(keys.some((k) => k.startsWith(action) && k.endsWith(outcome)), `no sequence reached "${action} -> ${outcome}"`);
  }
});

// Model challenges: their own seeded sequences from the same snapshot (testlib/challengerun.mjs). Replay one with
// CHALLENGE_SEED=<seed> CHALLENGE_SEQUENCES=1.
const CHALLENGE_SEED = Number(process.env.CHALLENGE_SEED ?? 1301);
const CHALLENGE_SEQUENCES = Number(process.env.CHALLENGE_SEQUENCES ?? 8);
const reached = new Map();
for (let i = 0; i < CHALLENGE_SEQUENCES; i++) {
  const seed = CHALLENGE_SEED + i;
  test(`random challenge sequence, seed ${seed}: tokens conserved, every challenge resolves`, async () => {
    await ctx.chain.revert(base);
    base = await ctx.chain.snapshot();
    await ctx.chain.fixClock();
    const run = new ChallengeRun(ctx, ctx.cast, seed);
    try {
      await run.setUp();
      await run.check();
      for (let step = 0; step < 30; step++) {
        await run.step();
        await run.check();
      }
      await run.settleAll();
      await run.check();
      await run.checkResolved();
      for (const [what, n] of run.reached) reached.set(what, (reached.get(what) ?? 0) + n);
    } catch (err) {
      err.message += `\n  seed ${seed}, last steps:\n    ${run.log.slice(-12).join('\n    ')}`;
      throw err;
    }
  });
}

test('the challenge sequences reached every outcome and refusal', (t) => {
  t.diagnostic([...reached.keys()].sort().map((k) => `${k}: ${reached.get(k)}`).join('; '));
  for (const what of ['challenge accepted', 'vote accepted', 'settled', 'outcome Upheld', 'outcome Rejected', 'outcome Unresolved',
    'refused NotStaked', 'refused SameModel', 'refused ConflictOfInterest', 'refused WindowStillOpen', 'refused AlreadySettled']) {
    assert.ok(reached.has(what), `no challenge sequence reached "${what}"`);
  }
});
