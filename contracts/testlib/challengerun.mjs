// A seeded random sequence against ModelChallenges: three settled tasks' models published by one aggregator, then
// challenges from random accounts (staked or not, the aggregator included) naming random models, votes from random
// coordinators (and from non-coordinators), time jumps and settlements, many of them refused. After every step it
// checks that tokens are conserved and that ModelChallenges holds exactly the bonds of its unsettled windows; at the
// end every window is settled and every challenge resolved by the rule (upheld by a strict majority of the stake that
// voted, unresolved when none did, rejected otherwise), the model replaced iff one was upheld, nothing left behind.
import assert from 'node:assert/strict';
import { ATN, Role, CHALLENGE_WINDOW, CHALLENGE_VOTE_WINDOW } from './system.mjs';
import { prng } from './randomrun.mjs';

const Outcome = { Pending: 0n, Upheld: 1n, Rejected: 2n, Unresolved: 3n };
const WINDOWS = 3;

export class ChallengeRun {
  constructor(ctx, cast, seed) {
    Object.assign(this, { ctx, cast, seed, rand: prng(seed), rounds: [], log: [], reached: new Map() });
    this.aggregator = ctx.who.aggregator;
  }

  int(n) { return Math.floor(this.rand() * n); }
  pick(items) { return items[this.int(items.length)]; }
  count(what) { this.reached.set(what, (this.reached.get(what) ?? 0) + 1); }

  /** Stakes the aggregator, publishes genesis and three settled tasks' models (rounds 2..4). */
  async setUp() {
    const { staking, project, tasks, chain } = this.ctx;
    const owner = this.cast.proposers[0];
    await staking.send(this.aggregator, 'stake', Role.Aggregator, ATN(1000));
    await project.send(owner, 'setAggregator', 1n, this.aggregator, true);
    await project.send(this.aggregator, 'publishModel', 1n, 0n, 'bafkreigenesis', '0x' + '01'.repeat(32));
    for (let k = 0; k < WINDOWS; k++) {
      if (!(await staking.call('isActive', owner, Role.Proposer))) await staking.send(owner, 'stake', Role.Proposer, ATN(100));
      const t = {
        projectId: 1n, specCid: 'bafkreispec', gtCommit: '0x' + '11'.repeat(32), reward: ATN(100), solverBond: ATN(1),
        commitWindow: 60, revealWindow: 60, verifyWindow: 60,
      };
      const taskId = (await tasks.send(owner, 'proposeTask', t)).events.find((e) => e.name === 'TaskProposed').args.taskId;
      await tasks.send(owner, 'openCommits', taskId);
      await chain.jump(121);
      await tasks.send(this.cast.keepers[0], 'cancelTask', taskId);
      const published = `bafkreipublished${k}`;
      const receipt = await project.send(this.aggregator, 'publishModel', 1n, taskId, published, '0x' + '22'.repeat(32));
      this.rounds.push({ round: receipt.events.find((e) => e.name === 'ModelPublished').args.round, published, settled: false });
    }
    this.supply = await this.ctx.token.call('totalSupply');
  }

  async step() {
    const { challenges } = this.ctx;
    const r = this.pick(this.rounds);
    const action = this.int(10);
    try {
      if (action < 4) {
        const challenger = this.pick([...this.cast.everyone, this.aggregator, this.ctx.who.outsider]);
        const cid = this.pick([`bafkreiright${r.round}`, `bafkreiother${this.int(3)}`, r.published]);
        await challenges.send(challenger, 'challenge', 1n, r.round, cid, '0x' + '33'.repeat(32));
        this.count('challenge accepted');
      } else if (action < 8) {
        const voter = this.pick([...this.cast.coordinators, this.cast.solvers[0]]);
        const list = await challenges.call('challengesOf', 1n, r.round);
        await challenges.send(voter, 'vote', 1n, r.round, BigInt(this.int(5) === 0 ? list.length : this.int(Math.max(list.length, 1))), this.int(3) !== 0);
        this.count('vote accepted');
      } else if (action === 8) {
        await this.ctx.chain.jump(1 + this.int(CHALLENGE_WINDOW));
      } else {
        await this.settle(r);
      }
    } catch (err) {
      if (!/reverted with/.test(err.message)) throw err;
      this.count(`refused ${err.message.match(/reverted with (\w+)/)[1]}`);
    }
    this.log.push(`${action} round ${r.round}`);
  }

  async settle(r) {
    const before = await this.ctx.token.call('balanceOf', this.aggregator);
    const list = await this.ctx.challenges.call('challengesOf', 1n, r.round);
    await this.ctx.challenges.send(this.ctx.who.outsider, 'settle', 1n, r.round);
    r.settled = true;
    r.before = before;
    r.votes = list;
    this.count('settled');
  }

  /** Jumps past every deadline and settles what is left (a keeper's job: every window must settle). */
  async settleAll() {
    await this.ctx.chain.jump(CHALLENGE_WINDOW + CHALLENGE_VOTE_WINDOW + 1);
    for (const r of this.rounds.filter((x) => !x.settled)) await this.settle(r);
  }

  async check() {
    const { token, challenges } = this.ctx;
    const holders = [...this.ctx.chain.accounts, ...['staking', 'project', 'tasks', 'rewards', 'forced', 'shards', 'challenges'].map((n) => this.ctx[n].address)];
    let sum = 0n;
    for (const h of holders) sum += await token.call('balanceOf', h);
    assert.equal(sum, this.supply, 'rule: tokens are conserved');
    let held = 0n;
    for (const r of this.rounds) {
      const w = await challenges.call('windowOf', 1n, r.round);
      if (w.settled) continue;
      held += w.bond + BigInt((await challenges.call('challengesOf', 1n, r.round)).length) * ATN(10);
    }
    assert.equal(await token.call('balanceOf', challenges.address), held, 'rule: ModelChallenges holds exactly the bonds of unsettled windows');
  }

  /** After settleAll: every challenge resolved by the rule, the model replaced iff one was upheld. */
  async checkResolved() {
    const { challenges, project, staking } = this.ctx;
    for (const r of this.rounds) {
      assert.equal((await challenges.call('windowOf', 1n, r.round)).settled, true, `rule: every window settles (round ${r.round})`);
      const list = await challenges.call('challengesOf', 1n, r.round);
      let firstUpheld = null;
      for (const c of list) {
        const voted = c.upheldStake + c.rejectedStake;
        const expected = voted === 0n ? Outcome.Unresolved : c.upheldStake * 2n > voted ? Outcome.Upheld : Outcome.Rejected;
        assert.equal(c.outcome, expected, `rule: a challenge resolves by the voted stake (round ${r.round}, ${c.upheldStake} up / ${c.rejectedStake} down)`);
        if (expected === Outcome.Upheld && firstUpheld === null) firstUpheld = c;
        this.count(`outcome ${Object.keys(Outcome).find((k) => Outcome[k] === expected)}`);
      }
      const model = await project.call('modelAt', 1n, r.round);
      assert.equal(model.finalized, true);
      assert.equal(model.cid, firstUpheld ? firstUpheld.cid : r.published, 'rule: the model is replaced iff a challenge was upheld, by the first');
    }
    assert.equal(await this.ctx.token.call('balanceOf', challenges.address), 0n, 'rule: nothing is left in ModelChallenges');
    assert.equal(await staking.call('holdsOf', this.aggregator, Role.Aggregator), 0n, 'rule: the aggregator\'s stake is released');
  }
}
