// A third-party ALTCHA v1 client for the broker's tests: fetches GET <broker>/anon-session/challenge, solves it with
// altcha-lib's v1 solveChallenge (altcha-lib 2.x still exports v1 under 'altcha-lib/v1'), and prints the base64
// payload the stock widget would send in the altcha field. Nothing from the broker's code is used.
//
// Usage: node solve.mjs <challenge-url> [origin]
import { solveChallenge } from 'altcha-lib/v1';

const [url, origin] = process.argv.slice(2);
if (!url) {
  console.error('usage: node solve.mjs <challenge-url> [origin]');
  process.exit(2);
}
const response = await fetch(url, { headers: origin ? { Origin: origin } : {} });
if (!response.ok) {
  console.error(`challenge answered ${response.status}`);
  process.exit(1);
}
const challenge = await response.json();
const { promise } = solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber);
const solution = await promise;
if (!solution) {
  console.error('no solution up to maxnumber');
  process.exit(1);
}
const payload = {
  algorithm: challenge.algorithm,
  challenge: challenge.challenge,
  number: solution.number,
  salt: challenge.salt,
  signature: challenge.signature,
  took: solution.took,
};
process.stdout.write(Buffer.from(JSON.stringify(payload)).toString('base64'));
