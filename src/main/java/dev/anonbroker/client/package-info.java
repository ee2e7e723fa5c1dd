/**
 * The browser client ({@code src/client}, built into the jar under {@code client/}) served as
 * {@code GET /anon-session.js} and its proof-of-work worker, cacheable and with CORS for the allowed origins.
 */
package dev.anonbroker.client;
