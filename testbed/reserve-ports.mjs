// Picks the six ports of one testbed: a block of ten in 20000–29999, below the kernel's ephemeral range
// (32768–60999 by default), so neither a client socket nor another process's port-0 listener is ever
// handed one while the testbed is down or still starting. Blocks are recorded per testbed directory in a
// registry (the caller holds its lock), so two testbeds started side by side — npm test starts two —
// never share a port. Usage: node reserve-ports.mjs <registry> <testbed dir>; prints ports.env lines.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const [registry, dir] = process.argv.slice(2);
const NAMES = ['ETCD_PORT', 'ETCD_PEER_PORT', 'APISERVER_PORT', 'CM_PORT', 'SCHED_PORT', 'KWOK_PORT'];
const FIRST = 20000;
const BLOCKS = 1000;

const free = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const entries = (existsSync(registry) ? readFileSync(registry, 'utf8') : '')
  .split('\n')
  .map((line) => line.match(/^(\d+) (.+)$/))
  .filter(Boolean)
  .map(([, block, owner]) => ({ block: Number(block), owner }))
  // A testbed directory that is gone (a deleted clone) gives its block back.
  .filter((e) => e.owner === dir || existsSync(e.owner));

const mine = entries.find((e) => e.owner === dir);
const taken = new Set(entries.filter((e) => e.owner !== dir).map((e) => e.block));
const start = mine?.block ?? createHash('sha256').update(dir).digest().readUInt32BE(0) % BLOCKS;

let chosen;
for (let i = 0; i < BLOCKS && chosen === undefined; i++) {
  const block = (start + i) % BLOCKS;
  if (taken.has(block)) continue;
  const base = FIRST + block * 10;
  let ok = true;
  for (let p = 0; p < NAMES.length && ok; p++) ok = await free(base + p);
  if (ok) chosen = block;
}
if (chosen === undefined) {
  console.error(`no free block of ports in ${FIRST}–${FIRST + BLOCKS * 10 - 1}`);
  process.exit(1);
}
const kept = entries.filter((e) => e.owner !== dir).concat({ block: chosen, owner: dir });
writeFileSync(registry, kept.map((e) => `${e.block} ${e.owner}`).join('\n') + '\n');
NAMES.forEach((name, i) => console.log(`${name}=${FIRST + chosen * 10 + i}`));
