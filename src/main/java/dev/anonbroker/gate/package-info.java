/**
 * Who may mint: the Origin allow-list with CORS (403 decisions). Runs before any GoTrue call. It must not call
 * GoTrue or mint tokens itself.
 */
package dev.anonbroker.gate;
