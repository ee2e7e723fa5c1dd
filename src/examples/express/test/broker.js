// Runs the real broker jar (with its embedded GoTrue emulator) for the tests, on free loopback ports.
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as delay } from "node:timers/promises";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;
const running = new Set();
// A test process that dies unexpectedly takes its brokers with it.
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/** `ANON_BROKER_JAR` (the build passes it), else the jar in the repository's target/. */
export function brokerJar() {
  let jar = process.env.ANON_BROKER_JAR;
  if (!jar) {
    const target = join(REPO_ROOT, "target");
    const found = existsSync(target)
      ? readdirSync(target).filter((f) => /^anon-broker-.*\.jar$/.test(f)) : [];
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

/** One broker process. `start(jwks)` may be called again after `stop()`: same port, same issuer. */
export class BrokerProcess {
  static async create() {
    return new BrokerProcess(await freePort());
  }

  constructor(port) {
    this.port = port;
    this.issuer = `http://127.0.0.1:${port}`;
    this.workdir = mkdtempSync(join(tmpdir(), "anon-broker-test-"));
    this.logPath = join(this.workdir, "broker.log");
    this.child = null;
  }

  /** Starts the broker signing with the first key of `signingJwks` and waits until `/health` answers 200. */
  async start(signingJwks) {
    const keysFile = join(this.workdir, "signing-jwks.json");
    writeFileSync(keysFile, JSON.stringify(signingJwks), { mode: 0o600 });
    const env = Object.fromEntries(Object.entries(process.env)
      .filter(([name]) => !name.startsWith("BROKER_") && !name.startsWith("MICRONAUT_")));
    Object.assign(env, {
      MICRONAUT_SERVER_PORT: String(this.port),
      BROKER_ISSUER: this.issuer,
      BROKER_SIGNING_JWKS_FILE: keysFile,
      BROKER_EMULATOR_PORT: String(await freePort()),
      BROKER_EMULATOR_BCRYPT_COST: "4",
      // Signing keys without a GoTrue URL: the broker refuses the embedded emulator unless asked for it.
      BROKER_EMULATOR_ENABLED: "true",
      BROKER_MANAGEMENT_PORT: String(await freePort()),
    });
    const log = openSync(this.logPath, "a");
    try {
      this.child = spawn(java(), ["-jar", brokerJar()], { env, stdio: ["ignore", log, log] });
    } finally {
      closeSync(log);
    }
    running.add(this.child);
    this.exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.awaitHealth();
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timeout = delay(STOP_DEADLINE_MS, "timeout");
      if ((await Promise.race([this.exited, timeout])) === "timeout") {
        child.kill("SIGKILL");
        await this.exited;
      }
    }
    running.delete(child);
  }

  async close() {
    await this.stop();
    rmSync(this.workdir, { recursive: true, force: true });
  }

  /**
   * `POST /anon-session`: the broker's JSON answer (access_token, token_type, expires_in, session_id). With
   * `dpopProof`, the broker binds the token to the proof's key.
   */
  async newSession({ dpopProof } = {}) {
    const headers = dpopProof ? { DPoP: dpopProof } : {};
    const res = await fetch(`${this.issuer}/anon-session`,
      { method: "POST", headers, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`POST /anon-session answered ${res.status}`);
    return res.json();
  }

  async awaitHealth() {
    const deadline = Date.now() + START_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`broker exited with ${this.child.exitCode} at start-up:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`${this.issuer}/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await delay(200); // polling interval while the JVM starts; the deadline bounds the wait
    }
    await this.stop();
    throw new Error(`broker not healthy after ${START_DEADLINE_MS / 1000}s:\n${this.logTail()}`);
  }

  logTail(lines = 40) {
    return readFileSync(this.logPath, "utf8").split("\n").slice(-lines).join("\n");
  }
}

function java() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}
