/**
 * Who may mint: {@link dev.anonbroker.gate.GatePolicy} runs the gates in one order, cheapest first, before any
 * GoTrue call; the Origin allow-list with CORS is a filter here, the other gates live in sub-packages (visitor IP,
 * Netlify's signed proxy, rate limits, proof of work, captcha). Gates decide (403, 429, 503) and count their
 * decisions; they must not call GoTrue or mint tokens themselves.
 */
package dev.anonbroker.gate;
