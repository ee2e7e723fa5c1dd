// The example backend: one API endpoint, open only to holders of a broker token.
import express from "express";
import { brokerAuth } from "./brokerAuth.js";

export function createApp(brokerOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.get("/api/public-data", brokerAuth(brokerOptions), (req, res) => {
    res.json({ data: "public but gated", session: req.brokerToken.sid });
  });
  return app;
}
