// The real broker jar (with its embedded GoTrue emulator) as a process on free loopback ports, for the tests.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const START_DEADLINE_MS = 60_000;
const running = new Set();
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/** `ANON_BROKER_JAR` (the Maven build passes it), else the jar in the repository's target/. */
export function brokerJar() {
  let jar = process.env.ANON_BROKER_JAR;
  if (!jar) {
    const target = join(REPO_ROOT, "target");
    const found = existsSync(target) ? readdirSync(target).filter((f) => /^anon-broker-.*\.jar$/.test(f)) : [];
    jar = found.length ? join(target, found[0]) : "";
  }
  if (!jar || !existsSync(jar)) {
    throw new Error("broker jar not found: run 'mvn -B package -DskipTests' or set ANON_BROKER_JAR");
  }
  return jar;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a broker with `properties` (broker configuration, as -D system properties) and waits for /health. */
export async function startBroker(properties = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const workdir = mkdtempSync(join(tmpdir(), "anon-broker-client-test-"));
  const logPath = join(workdir, "broker.log");
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([name]) => !name.startsWith("BROKER_") && !name.startsWith("MICRONAUT_")));
  const all = {
    "micronaut.server.port": port,
    "broker.issuer": url,
    "broker.emulator.port": await freePort(),
    "broker.emulator.bcrypt-cost": 4,
    // Production settings (backend clients) make the broker refuse the embedded emulator unless asked for it.
    "broker.emulator.enabled": true,
    "endpoints.all.port": await freePort(),
    ...properties,
  };
  const args = [...Object.entries(all).map(([name, value]) => `-D${name}=${value}`), "-jar", brokerJar()];
  const log = openSync(logPath, "a");
  let child;
  try {
    child = spawn(java(), args, { env, stdio: ["ignore", log, log] });
  } finally {
    closeSync(log);
  }
  running.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const logTail = () => readFileSync(logPath, "utf8").split("\n").slice(-40).join("\n");
  const broker = {
    url,
    logTail,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        if ((await Promise.race([exited, delay(15_000, "timeout")])) === "timeout") child.kill("SIGKILL");
        await exited;
      }
      running.delete(child);
      rmSync(workdir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`broker exited with ${child.exitCode} at start-up:\n${logTail()}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) return broker;
    } catch {
      // not listening yet
    }
    await delay(200); // polling interval while the JVM starts; the deadline bounds the wait
  }
  await broker.close();
  throw new Error(`broker not healthy after ${START_DEADLINE_MS / 1000}s:\n${logTail()}`);
}

function java() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}
