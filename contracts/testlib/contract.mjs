// Thin contract wrapper over Chain: deploys artifacts from contracts/out, encodes calls with ethers'
// Interface, sends from unlocked dev accounts, waits for receipts, and turns reverts into ContractRevert
// errors carrying the decoded custom error name and arguments.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Interface } from 'ethers';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');

export function artifact(name) {
  const file = path.join(outDir, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} missing: run node scripts/compile.mjs`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

let errorsInterface;

/** Every custom error of every artifact, to decode reverts bubbling up from a nested call. */
function allErrors() {
  if (!errorsInterface) {
    const seen = new Map();
    for (const f of fs.readdirSync(outDir).filter((n) => n.endsWith('.json'))) {
      for (const item of JSON.parse(fs.readFileSync(path.join(outDir, f), 'utf8')).abi) {
        if (item.type !== 'error') continue;
        const key = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
        if (!seen.has(key)) seen.set(key, item);
      }
    }
    errorsInterface = new Interface([...seen.values()]);
  }
  return errorsInterface;
}

/** A revert decoded against the contract's ABI. */
export class ContractRevert extends Error {
  constructor(label, name, args, data) {
    super(`${label} reverted with ${name}(${args.map(String).join(', ')})`);
    this.errorName = name;
    this.args = args;
    this.data = data;
  }
}

export class Contract {
  constructor(chain, name, address, iface) {
    this.chain = chain;
    this.name = name;
    this.address = address;
    this.iface = iface;
  }

  static async deploy(chain, name, from, args = []) {
    const art = artifact(name);
    const iface = new Interface(art.abi);
    const data = art.bytecode + iface.encodeDeploy(args).slice(2);
    const hash = await chain.rpc('eth_sendTransaction', [{ from, data, gas: '0x1c9c380' }]);
    const receipt = await chain.receipt(hash);
    if (receipt.status !== '0x1') throw new Error(`deploying ${name} failed`);
    const c = new Contract(chain, name, receipt.contractAddress, iface);
    c.deployGas = BigInt(receipt.gasUsed);
    return c;
  }

  _decodeRevert(label, err) {
    const data = err.data;
    if (typeof data === 'string' && data.length >= 10) {
      const parsed = this.iface.parseError(data);
      if (parsed) return new ContractRevert(label, parsed.name, [...parsed.args], data);
      const nested = allErrors().parseError(data);
      if (nested) return new ContractRevert(label, nested.name, [...nested.args], data);
      return new ContractRevert(label, `unknown(${data.slice(0, 10)})`, [], data);
    }
    return err;
  }

  /** Sends a transaction; resolves to the receipt (with gasUsed as bigint and decoded logs). */
  async send(from, fn, ...args) {
    const data = this.iface.encodeFunctionData(fn, args);
    const label = `${this.name}.${fn}`;
    let hash;
    try {
      // anvil mines a reverting transaction instead of refusing it, so estimate first to get the revert data.
      const gas = await this.chain.rpc('eth_estimateGas', [{ from, to: this.address, data }]);
      hash = await this.chain.rpc('eth_sendTransaction', [{ from, to: this.address, data, gas }]);
    } catch (err) {
      throw this._decodeRevert(label, err);
    }
    const receipt = await this.chain.receipt(hash);
    if (receipt.status !== '0x1') throw new Error(`${label} mined but failed`);
    receipt.gas = BigInt(receipt.gasUsed);
    receipt.events = receipt.logs
      .filter((log) => log.address.toLowerCase() === this.address.toLowerCase())
      .map((log) => this.iface.parseLog(log))
      .filter(Boolean);
    return receipt;
  }

  /** eth_call; resolves to the single return value, or the Result for several. */
  async call(fn, ...args) {
    const data = this.iface.encodeFunctionData(fn, args);
    let raw;
    try {
      raw = await this.chain.rpc('eth_call', [{ to: this.address, data }, 'latest']);
    } catch (err) {
      throw this._decodeRevert(`${this.name}.${fn}`, err);
    }
    const result = this.iface.decodeFunctionResult(fn, raw);
    return result.length === 1 ? result[0] : result;
  }
}

/** Several eth_calls in one JSON-RPC batch: `calls` are [contract, fn, ...args]; resolves to the decoded values
 * (the single return value, or the Result for several), in order. */
export async function callMany(chain, calls) {
  const raws = await chain.rpcBatch(calls.map(([c, fn, ...args]) => ['eth_call', [{ to: c.address, data: c.iface.encodeFunctionData(fn, args) }, 'latest']]));
  return raws.map((raw, i) => {
    const [c, fn] = calls[i];
    const result = c.iface.decodeFunctionResult(fn, raw);
    return result.length === 1 ? result[0] : result;
  });
}

/** Asserts that `promise` rejects with custom error `name`; returns its decoded args. */
export async function expectRevert(promise, name) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ContractRevert) {
      if (err.errorName !== name) throw new Error(`expected ${name}, got ${err.message}`);
      return err.args;
    }
    throw new Error(`expected ${name}, got a non-revert error: ${err.message}`);
  }
  throw new Error(`expected ${name}, but the call succeeded`);
}
