// anon-broker's proof-of-work worker: receives an ALTCHA v1 challenge, answers { number, took } or { error }.
// A classic worker script without imports, so that it also runs from a Blob URL. The same search as
// solveChallenge in anon-session.js.
self.onmessage = async ({ data: challenge }) => {
  const started = Date.now();
  const encoder = new TextEncoder();
  for (let number = 0; number <= challenge.maxnumber; number++) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + number)));
    let hex = "";
    for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
    if (hex === challenge.challenge) {
      self.postMessage({ number, took: Date.now() - started });
      return;
    }
  }
  self.postMessage({ error: "The proof-of-work challenge has no solution" });
};
