// Compiles every contracts/src/*.sol with the npm solc (standard JSON, optimizer on, evm cancun) and writes
// contracts/out/<Name>.json = { abi, bytecode, deployedBytecode } for each contract defined in src/.
// `@openzeppelin/...` imports resolve from node_modules. All sources go through one solc run; viaIR is
// used only if that run fails with "Stack too deep". Skips all work when the outputs are newer than every
// source (src/**/*.sol, this script, package.json) and exist. Fails with solc's messages and exit code 1.
// Not a build system: no caching per file, no remappings beyond node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'out');
const stampFile = path.join(outDir, '.stamp');

function sourceFiles() {
  return fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
}

function allSolidity(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return allSolidity(full);
    return e.name.endsWith('.sol') ? [full] : [];
  });
}

/** True when the stamp is newer than every source (imports under src/ included) and every artifact exists. */
function upToDate(files) {
  if (!fs.existsSync(stampFile)) return false;
  const stamp = fs.statSync(stampFile).mtimeMs;
  const inputs = [...allSolidity(srcDir), fileURLToPath(import.meta.url), path.join(root, 'package.json')];
  if (!inputs.every((f) => fs.statSync(f).mtimeMs < stamp)) return false;
  return files.every((f) => fs.existsSync(path.join(outDir, `${path.basename(f, '.sol')}.json`)));
}

function findImport(importPath) {
  const candidates = [path.join(root, 'node_modules', importPath), path.join(root, importPath)];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `import not found: ${importPath} (looked in ${candidates.join(', ')})` };
}

function compile(solc, files, viaIR) {
  const sources = {};
  for (const f of files) sources[`src/${f}`] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      viaIR,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  return JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
}

function errorsOf(output) {
  return (output.errors ?? []).filter((e) => e.severity === 'error');
}

function main() {
  const files = sourceFiles();
  if (files.length === 0) throw new Error(`no .sol files in ${srcDir}`);
  if (upToDate(files) && !process.argv.includes('--force')) {
    console.log(`compile: ${files.length} sources up to date in out/`);
    return;
  }
  const solc = require('solc');
  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  // One standard-JSON run for all sources (OpenZeppelin is parsed once); viaIR only if that run is too deep.
  let output = compile(solc, files, false);
  let errors = errorsOf(output);
  if (errors.some((e) => /Stack too deep/i.test(e.message))) {
    console.log('compile: too deep for the legacy pipeline, retrying with viaIR');
    output = compile(solc, files, true);
    errors = errorsOf(output);
  }
  for (const w of (output.errors ?? []).filter((e) => e.severity !== 'error')) {
    console.warn(w.formattedMessage);
  }
  if (errors.length > 0) {
    for (const e of errors) console.error(e.formattedMessage);
    throw new Error(`solc ${solc.version()} failed with ${errors.length} error(s)`);
  }
  for (const file of files) {
    const contracts = output.contracts[`src/${file}`] ?? {};
    for (const [name, c] of Object.entries(contracts)) {
      const artifact = {
        contractName: name,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
      fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
      written.push(name);
    }
  }
  fs.writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  console.log(`compile: solc ${solc.version()} wrote ${written.join(', ')} to out/`);
}

try {
  main();
} catch (err) {
  console.error(`compile: ${err.message}`);
  process.exit(1);
}
