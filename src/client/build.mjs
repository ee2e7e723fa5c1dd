// Writes dist/anon-session.js and dist/anon-session-pow-worker.js, minified, and prints their sizes.
// The broker serves them as /anon-session.js and /anon-session-pow-worker.js; the Maven build copies dist/
// into the jar. `node build.mjs --out <dir>` writes there too.
import { transform } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const BUDGET_GZIP_BYTES = 5 * 1024;
const files = [
  { source: "anon-session.js", target: "anon-session.js", format: "esm" },
  { source: "pow-worker.js", target: "anon-session-pow-worker.js" },
];

const outIndex = process.argv.indexOf("--out");
const outDirs = [join(here, "dist"), ...(outIndex > 0 ? [process.argv[outIndex + 1]] : [])];

let failed = false;
for (const { source, target, format } of files) {
  let code = readFileSync(join(here, source), "utf8");
  if (source === "anon-session.js") {
    const marker = 'const WORKER_FILE = "pow-worker.js";';
    if (!code.includes(marker)) throw new Error("anon-session.js lost its WORKER_FILE line");
    code = code.replace(marker, 'const WORKER_FILE = "anon-session-pow-worker.js";');
  }
  const result = await transform(code, { minify: true, target: "es2022", format, legalComments: "none" });
  for (const dir of outDirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, target), result.code);
  }
  const raw = Buffer.byteLength(result.code);
  const gzipped = gzipSync(result.code, { level: 9 }).length;
  console.log(`${target}: ${raw} bytes minified, ${gzipped} bytes gzipped`);
  if (source === "anon-session.js" && gzipped > BUDGET_GZIP_BYTES) {
    console.error(`${target} is over its budget of ${BUDGET_GZIP_BYTES} bytes gzipped`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
