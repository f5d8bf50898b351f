// The invariants test/Invariants.test.mjs checks after every step of a RandomRun, read in one JSON-RPC batch.
// Each assertion names the rule it checks.
import assert from 'node:assert/strict';
import { TaskState, Role } from './system.mjs';
import { callMany } from './contract.mjs';

const sum = (xs) => xs.reduce((a, b) => a + b, 0n);

export async function checkInvariants(run) {
  const { ctx, cast } = run;
  const { token, staking, project, rewards, tasks } = ctx;
  const contracts = [token, staking, project, tasks, rewards, ctx.forced, ctx.shards];
  const holders = [...ctx.chain.accounts, ...contracts.map((c) => c.address)];
  const calls = [[token, 'totalSupply'], [project, 'budgetOf', 1n], ...holders.map((h) => [token, 'balanceOf', h]),
    ...cast.staked.map((s) => [staking, 'stakeOf', s.account, s.role]), ...cast.staked.map((s) => [staking, 'holdsOf', s.account, s.role])];
  for (const t of run.tasks) {
    calls.push([rewards, 'poolOf', t.id], [tasks, 'stateOf', t.id]);
    for (const a of cast.everyone) calls.push([rewards, 'rewardOf', t.id, a], [rewards, 'unclaimedOf', t.id, a]);
  }
  const values = await callMany(ctx.chain, calls);
  let k = 0;
  const supply = values[k++];
  const budget = values[k++];
  const balances = new Map(holders.map((h) => [h, values[k++]]));
  const stakes = cast.staked.map(() => values[k++]);
  const holds = cast.staked.map(() => values[k++]);

  assert.equal(sum([...balances.values()]), supply, 'rule: token conservation, every ATN is held by a known account or contract');
  assert.equal(balances.get(staking.address), sum(stakes), 'rule: ParticipantStaking holds exactly the stakes');
  assert.equal(balances.get(project.address), budget, 'rule: Project holds exactly the project budget');
  assert.equal(balances.get(ctx.who.treasury), run.treasury0 + run.slashed, 'rule: the treasury received exactly the slashes the rules call for');

  cast.staked.forEach((s, i) => {
    const open = run.unsettled();
    const expected = s.role === Role.Proposer ? open.filter((t) => t.proposer === s.account).length
      : s.role === Role.Coordinator ? run.tasks.filter((t) => (t.commits ?? []).some((v) => v.coordinator === s.account && !v.settled)).length : 0;
    assert.equal(holds[i], BigInt(expected), `rule: a stake is held once per unsettled task it proposed, and per committed vote not yet settled (${s.account}, role ${s.role})`);
  });

  let held = 0n;
  for (const t of run.tasks) {
    const pool = values[k++];
    const state = values[k++];
    const owed = cast.everyone.map(() => { const r = [values[k], values[k + 1]]; k += 2; return r; });
    assert.equal(state, t.state, `rule: task ${t.id} is in the state the model predicts`);
    const bonds = BigInt(t.solutions.size) * t.terms.solverBond;
    assert.equal(pool.bonds, bonds, `rule: task ${t.id} holds one bond per commitment`);
    assert.equal(pool.keeperPaid, BigInt(t.keeperDuties) * (t.keeperPool / 4n), `rule: each keeper duty of task ${t.id} paid a quarter of the keeper pool`);
    cast.everyone.forEach((a, i) => assert.equal(owed[i][0], t.owed.get(a) ?? 0n, `rule: ${a} is owed what the rules give it in task ${t.id}`));
    assert.equal(sum(owed.map((o) => o[1])), pool.unclaimed, `rule: the unclaimed total of task ${t.id} is what its accounts may still claim`);
    const pools = pool.solverPool + pool.coordinatorPool + pool.proposerFee + pool.keeperPool;
    assert.ok(sum(owed.map((o) => o[0])) <= pools + bonds, `rule: task ${t.id} never owes more than its reward plus its bonds`);
    held += pool.finalized ? pool.unclaimed : pools + bonds - pool.keeperPaid + pool.unclaimed;
    assert.equal(pool.finalized, t.state === TaskState.Settled, `rule: the pool of task ${t.id} is closed exactly when the task settled`);
  }
  assert.equal(balances.get(rewards.address), held, 'rule: ResultsRewards holds exactly the open pools, bonds and unclaimed rewards of its tasks');
}
