// Shows the backend's public data. The broker's browser client comes from the broker itself, through this site's
// signed proxy (netlify.toml), so the page, the broker and the backend all share the site's origin.
import { createAnonSession } from "/api/anon-session.js";

const status = document.getElementById("status");
const data = document.getElementById("data");
const reload = document.getElementById("reload");
const tokenMode = document.querySelector('meta[name="anon-broker-token-mode"]')?.content ?? "bearer";

const session = createAnonSession({
  backends: [location.origin],
  cookie: tokenMode === "cookie",
});
session.addEventListener("minting", () => show("Getting an anonymous token…", "minting"));
session.addEventListener("refused", () => show("The broker refused a token to this page.", "refused"));

async function load() {
  reload.disabled = true;
  try {
    const response = await session.fetch(new URL("/api/public-data", location.href));
    if (!response.ok) throw new Error(`the backend answered ${response.status}`);
    data.textContent = JSON.stringify(await response.json(), null, 2);
    data.hidden = false;
    show("Loaded.", "loaded");
  } catch (error) {
    show(`Could not load the data: ${error.message}`, "error");
  } finally {
    reload.disabled = false;
  }
}

function show(text, state) {
  status.textContent = text;
  status.dataset.state = state;
}

reload.addEventListener("click", load);
load();
