// The processes the browser tests run against: the packaged broker jar (with its embedded GoTrue emulator) and the
// Express kit as the backend, each on free loopback ports, each stopped by the test that started it.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as delay } from "node:timers/promises";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;
const POLL_INTERVAL_MS = 100;
const running = new Set();
// A test process that dies unexpectedly takes its children with it.
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

// Where the jar is and how to get a free port: the client's tests (src/client) know already.
export { brokerJar, freePort } from "../../../client/test/broker.js";
import { brokerJar, freePort } from "../../../client/test/broker.js";

/** A secret as `openssl rand -hex 32` makes one: 64 characters. */
export function randomSecret() {
  return randomBytes(32).toString("hex");
}

/** One child process whose output goes to a log file, and which counts as started once `ready()` is true. */
class ChildProcess {
  constructor(name) {
    this.name = name;
    this.workdir = mkdtempSync(join(tmpdir(), `anon-broker-browser-${name}-`));
    this.logPath = join(this.workdir, `${name}.log`);
    this.child = null;
  }

  async spawn(command, args, env, cwd) {
    const log = openSync(this.logPath, "a");
    try {
      this.child = spawn(command, args, { env, cwd, stdio: ["ignore", log, log] });
    } finally {
      closeSync(log);
    }
    running.add(this.child);
    this.exited = new Promise((resolve) => this.child.once("exit", resolve));
    const deadline = Date.now() + START_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited with ${this.child.exitCode} at start-up:\n${this.logTail()}`);
      }
      if (await this.ready()) return;
      await delay(POLL_INTERVAL_MS); // polling while the process starts; the deadline bounds the wait
    }
    await this.stop();
    throw new Error(`${this.name} not ready after ${START_DEADLINE_MS / 1000}s:\n${this.logTail()}`);
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if ((await Promise.race([this.exited, delay(STOP_DEADLINE_MS, "timeout", { ref: false })])) === "timeout") {
        child.kill("SIGKILL");
        await this.exited;
      }
    }
    running.delete(child);
    rmSync(this.workdir, { recursive: true, force: true });
  }

  logTail(lines = 40) {
    return existsSync(this.logPath) ? readFileSync(this.logPath, "utf8").split("\n").slice(-lines).join("\n") : "";
  }
}

async function answers(url, status = 200) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === status;
  } catch {
    return false; // not listening yet
  }
}

/**
 * The broker jar on a free port, its issuer `http://127.0.0.1:<port>`, signing with a key made here, with the given
 * `broker.*` settings as environment variables (e.g. `{ BROKER_ALLOWED_ORIGINS: "http://127.0.0.1:1234" }`).
 */
export class Broker extends ChildProcess {
  static async start(settings = {}) {
    const broker = new Broker(await freePort(), await freePort());
    await broker.launch(settings);
    return broker;
  }

  constructor(port, managementPort) {
    super("broker");
    this.port = port;
    this.managementPort = managementPort;
    this.url = `http://127.0.0.1:${port}`;
  }

  async launch(settings) {
    const keysFile = join(this.workdir, "signing-jwks.json");
    writeFileSync(keysFile, JSON.stringify(signingJwks()), { mode: 0o600 });
    const env = Object.fromEntries(Object.entries(process.env)
      .filter(([name]) => !name.startsWith("BROKER_") && !name.startsWith("MICRONAUT_")));
    Object.assign(env, {
      MICRONAUT_SERVER_PORT: String(this.port),
      BROKER_ISSUER: this.url,
      BROKER_SIGNING_JWKS_FILE: keysFile,
      BROKER_EMULATOR_PORT: String(await freePort()),
      BROKER_EMULATOR_BCRYPT_COST: "4",
      // Signing keys without a GoTrue URL: the broker refuses the embedded emulator unless asked for it.
      BROKER_EMULATOR_ENABLED: "true",
      BROKER_MANAGEMENT_PORT: String(this.managementPort),
      ...settings,
    });
    await this.spawn(java(), ["-XX:TieredStopAtLevel=1", "-jar", brokerJar()], env);
  }

  ready() {
    return answers(`${this.url}/health`);
  }

  /**
   * The sum of the broker's metric `name` over the series whose labels include `labels`, from `GET /prometheus` on
   * its management port (see the guide's metrics.md), e.g. `metric("broker_sessions_issued_total", { mode: "refresh" })`.
   */
  async metric(name, labels = {}) {
    const text = await (await fetch(`http://127.0.0.1:${this.managementPort}/prometheus`)).text();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    return text.split("\n")
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .filter((line) => wanted.every((label) => line.includes(label)))
      .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
  }

  /** Sessions started (`POST /anon-session` answered 200). */
  mints() {
    return this.metric("broker_sessions_issued_total", { mode: "signup" });
  }

  refreshes() {
    return this.metric("broker_sessions_issued_total", { mode: "refresh" });
  }
}

/** The Express kit (src/examples/express) as the backend, verifying tokens of `broker`. */
export class ExpressBackend extends ChildProcess {
  static async start(broker, env = {}) {
    const backend = new ExpressBackend(await freePort());
    await backend.launch(broker, env);
    return backend;
  }

  constructor(port) {
    super("express");
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
  }

  async launch(broker, extraEnv) {
    const kit = join(REPO_ROOT, "src", "examples", "express");
    if (!existsSync(join(kit, "node_modules", "jose"))) {
      throw new Error(`the Express kit's dependencies are missing: run 'npm ci' in ${kit}`);
    }
    const env = { ...process.env, ANON_BROKER_ISSUER: broker.url, PORT: String(this.port), ...extraEnv };
    await this.spawn(process.execPath, ["server.js"], env, kit);
  }

  ready() {
    return answers(`${this.url}/api/public-data`, 401);
  }
}

function signingJwks() {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = `browser-${randomBytes(4).toString("hex")}`;
  return { keys: [{ ...privateKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" }] };
}

function java() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}
