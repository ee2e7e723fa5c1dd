// The example backend: two API endpoints, open only to holders of a broker token.
import express from "express";
import { brokerAuth } from "./brokerAuth.js";

export function createApp(brokerOptions) {
  const app = express();
  app.disable("x-powered-by");
  // One middleware for every route: its memory of used DPoP proofs must be shared by all of them.
  const auth = brokerAuth(brokerOptions);
  app.get("/api/public-data", auth, (req, res) => {
    res.json({ data: "public but gated", session: req.brokerToken.sid });
  });
  app.post("/api/public-data", auth, (req, res) => {
    res.json({ saved: true, session: req.brokerToken.sid });
  });
  return app;
}
