// Starts the example backend: ANON_BROKER_ISSUER=https://broker.example.com PORT=3000 node server.js
import { createApp } from "./app.js";

const app = createApp({
  issuer: process.env.ANON_BROKER_ISSUER ?? "http://127.0.0.1:8080",
  audience: process.env.ANON_BROKER_AUDIENCE ?? "backend",
  algorithms: ["ES256"],
});
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`example backend on port ${port}`));
