// A broker process and the example app pointed at it, for one describe block.
import { after, before } from "node:test";
import { createApp } from "../app.js";
import { BrokerProcess } from "./broker.js";
import * as tokens from "./tokens.js";

export const quietLogger = { warn() {} };

/** Listens with `app` on a free loopback port; resolves to the server. */
export function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

export async function close(server) {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
}

/** Starts a broker signing with a new key and an app pointed at it; stops both after the suite. */
export function brokerAndBackend(backendOptions = {}) {
  const ctx = {};
  before(async () => {
    ctx.broker = await BrokerProcess.create();
    ctx.key = await tokens.newKey("first");
    await ctx.broker.start(await tokens.signingJwks(ctx.key));
    ctx.app = createApp({ issuer: ctx.broker.issuer, logger: quietLogger, ...backendOptions });
    ctx.server = await listen(ctx.app);
    ctx.url = `http://127.0.0.1:${ctx.server.address().port}/api/public-data`;
  });
  after(async () => {
    await close(ctx.server);
    await ctx.broker?.close();
  });
  return ctx;
}

