// Starts the example backend: ANON_BROKER_ISSUER=https://broker.example.com PORT=3000 node server.js
import { createApp } from "./app.js";

const list = (value) => (value ? value.split(",").map((item) => item.trim()).filter(Boolean) : []);
const app = createApp({
  issuer: process.env.ANON_BROKER_ISSUER ?? "http://127.0.0.1:8080",
  audience: process.env.ANON_BROKER_AUDIENCE ?? "backend",
  algorithms: ["ES256"],
  // This backend's public URL as browsers call it (DPoP proofs name it in htu); unset, bound tokens are refused.
  backendUrl: process.env.ANON_BROKER_BACKEND_URL || undefined,
  // The broker's cookie mode: e.g. __Host-anon-broker, with the site's origins for unsafe methods (CSRF).
  cookieName: process.env.ANON_BROKER_COOKIE_NAME || undefined,
  allowedOrigins: list(process.env.ANON_BROKER_ALLOWED_ORIGINS),
});
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`example backend on port ${port}`));
