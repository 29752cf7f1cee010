// The npm registry mirror on our machines serves only the Linux builds of platform-specific
// optional packages (@next/swc-*, @tailwindcss/oxide-*). npm then writes a lock file that
// `npm ci` rejects ("Missing: … from lock file"). This adds those entries back as optional,
// platform-restricted packages, which npm skips on Linux exactly as it would with full data.
//   node scripts/fix-lockfile.mjs   (after any `npm install` that rewrites package-lock.json)
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const os = ["android", "darwin", "freebsd", "win32", "linux", "openbsd", "sunos", "aix"].find((o) => name.includes(`-${o}-`));
  const cpu = ["arm64", "x64", "arm", "ia32", "wasm32"].find((c) => name.includes(`-${c}`));
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const { os, cpu } = platformOf(name);
    if (!os && !cpu) continue;
    packages[key] = { version, optional: true, ...(os ? { os } : {}), ...(cpu ? { cpu } : {}) };
    added++;
  }
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: added ${added} platform-specific optional entries`);
