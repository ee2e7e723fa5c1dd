/**
 * Netlify's signed proxy redirects ({@code broker.netlify.*}): verifies {@code x-nf-sign} before anything reaches
 * GoTrue. It proves a request came through the site's proxy, not that a browser sent it; it never logs or echoes
 * the header.
 */
package dev.anonbroker.gate.netlify;
