// The packaged jar with redis.uri: everything Lettuce needs at run time is in the jar. (The Java tests run the broker
// on the test class path, which once hid a library missing from the jar, so that every mint was refused 503.)
// Debian's redis-server must be installed, as .ci/run does.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, test } from "node:test";
import { freePort, startBroker } from "./broker.js";

let redis;
let redisPort;
let redisDir;
let broker;

/** One inline command to the Redis on `redisPort`; resolves with its first reply line. */
function redisCommand(command) {
  return new Promise((resolve, reject) => {
    const socket = connect(redisPort, "127.0.0.1", () => socket.write(`${command}\r\n`));
    let reply = "";
    socket.setTimeout(1_000, () => socket.destroy(new Error("redis timeout")));
    socket.on("data", (chunk) => {
      reply += chunk;
      if (reply.includes("\r\n")) {
        socket.end();
        resolve(reply.split("\r\n")[0]);
      }
    });
    socket.on("error", reject);
  });
}

before(async () => {
  redisPort = await freePort();
  redisDir = mkdtempSync(join(tmpdir(), "anon-broker-redis-"));
  redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
    "--dir", redisDir], { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await redisCommand("PING")) === "+PONG") break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("redis-server did not answer PING");
    await delay(20); // polling interval; the deadline bounds the wait
  }
  broker = await startBroker({ "redis.uri": `redis://127.0.0.1:${redisPort}` });
});

after(async () => {
  await broker?.close();
  redis?.kill("SIGKILL");
  rmSync(redisDir, { recursive: true, force: true });
});

test("the packaged jar mints and refreshes with its sessions in Redis", async () => {
  const minted = await fetch(`${broker.url}/anon-session`, { method: "POST" });
  assert.equal(minted.status, 200, `${await minted.clone().text()}\n${broker.logTail()}`);
  const { refresh_token: refreshToken } = await minted.json();
  const refreshed = await fetch(`${broker.url}/anon-session/refresh`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  assert.equal(refreshed.status, 200, await refreshed.clone().text());
  const sessions = await redisCommand("EVAL \"return #redis.call('KEYS', 'anon-broker:refresh:*')\" 0");
  assert.equal(sessions, ":1", "the session is a key in Redis");
});
