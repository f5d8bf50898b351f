// Starts a private anvil for one test file (free loopback port, --prune-history, HOME in a temp dir so
// nothing lands in ~/.foundry) and talks to it with a minimal JSON-RPC client over fetch. Dev accounts
// are unlocked, so transactions go through eth_sendTransaction; anvil automines each one.
import { getAddress } from 'ethers';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The native anvil binary. Not node_modules/.bin/anvil: that is a node wrapper, and killing it orphans anvil. */
function anvilBinary() {
  const scope = path.join(root, 'node_modules', '@foundry-rs');
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const preferred = path.join(scope, `anvil-${process.platform}-${arch}`, 'bin', 'anvil');
  if (fs.existsSync(preferred)) return preferred;
  const any = fs.existsSync(scope) ? fs.readdirSync(scope).filter((d) => d.startsWith('anvil-')) : [];
  for (const dir of any) {
    const candidate = path.join(scope, dir, 'bin', 'anvil');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`native anvil not found under ${scope}: run npm install in contracts/`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A JSON-RPC error: `data` holds the revert bytes when the node returned them. */
export class RpcError extends Error {
  constructor(method, error) {
    super(`${method} failed: ${error.message}`);
    this.code = error.code;
    this.data = typeof error.data === 'string' ? error.data : error.data?.data;
  }
}

export class Chain {
  constructor(url, child, home) {
    this.url = url;
    this.child = child;
    this.home = home;
    this.nextId = 1;
  }

  /** Starts anvil with `accounts` unlocked dev accounts and waits until it answers. */
  static async start({ accounts = 12 } = {}) {
    const anvilBin = anvilBinary();
    const port = await freePort();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'autonet-anvil-'));
    const child = spawn(anvilBin, ['--port', String(port), '--host', '127.0.0.1', '--prune-history', '--accounts', String(accounts), '--silent'], {
      env: { ...process.env, HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.unref();
    child.stderr.unref?.();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const chain = new Chain(`http://127.0.0.1:${port}`, child, home);
    for (let attempt = 0; attempt < 200; attempt++) {
      if (child.exitCode !== null) throw new Error(`anvil exited with ${child.exitCode}: ${stderr}`);
      try {
        await chain.rpc('eth_chainId', []);
        chain.accounts = (await chain.rpc('eth_accounts', [])).map((a) => getAddress(a));
        return chain;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    chain.stop();
    throw new Error(`anvil did not answer on port ${port} within 10 s: ${stderr}`);
  }

  /** Kills anvil and removes its temp home. Safe to call twice. */
  stop() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    fs.rmSync(this.home, { recursive: true, force: true });
  }

  async rpc(method, params) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
    });
    const body = await response.json();
    if (body.error) throw new RpcError(method, body.error);
    return body.result;
  }

  /** Several calls in one JSON-RPC batch request; resolves to their results in order. */
  async rpcBatch(calls) {
    if (calls.length === 0) return [];
    const first = this.nextId;
    this.nextId += calls.length;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: first + i, method, params }))),
    });
    const bodies = await response.json();
    const byId = new Map(bodies.map((b) => [b.id, b]));
    return calls.map(([method], i) => {
      const body = byId.get(first + i);
      if (body.error) throw new RpcError(method, body.error);
      return body.result;
    });
  }

  /** Makes every new block exactly one second later than the last, whatever the wall clock does, so a seeded
   * run sees the same timestamps every time (evm_increaseTime is then ignored: use `jump`). */
  async fixClock() {
    await this.rpc('anvil_setBlockTimestampInterval', [1]);
  }

  /** Under `fixClock`: mines a block `seconds` after the latest one. */
  async jump(seconds) {
    const now = await this.timestamp();
    await this.rpc('evm_setNextBlockTimestamp', [Number(now + BigInt(seconds))]);
    await this.rpc('evm_mine', []);
  }

  /** Advances the chain clock by `seconds` and mines a block. */
  async increaseTime(seconds) {
    await this.rpc('evm_increaseTime', [Number(seconds)]);
    await this.rpc('evm_mine', []);
  }

  /** Polls for the receipt of `hash` (anvil may answer eth_sendTransaction before it stored the receipt). */
  async receipt(hash) {
    for (let attempt = 0; attempt < 400; attempt++) {
      const receipt = await this.rpc('eth_getTransactionReceipt', [hash]);
      if (receipt) return receipt;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no receipt for ${hash} after 2 s`);
  }

  async timestamp() {
    const block = await this.rpc('eth_getBlockByNumber', ['latest', false]);
    return BigInt(block.timestamp);
  }

  async snapshot() {
    return this.rpc('evm_snapshot', []);
  }

  async revert(id) {
    return this.rpc('evm_revert', [id]);
  }
}
