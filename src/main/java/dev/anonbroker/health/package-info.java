/**
 * The public {@code GET /health} ({@code broker.health.*}): UP or DOWN from a cached GoTrue reachability check, for
 * load balancers. Micronaut's health endpoint with details and {@code /prometheus} answer on the management port
 * ({@code endpoints.all.port}) only.
 */
package dev.anonbroker.health;
