package dev.anonbroker.gate.ip;

/** Where the visitor's IP is read from ({@code broker.client-ip.source}). */
public enum ClientIpSource {
    /** The TCP peer; every forwarding header is ignored. */
    PEER,
    /** {@code X-Forwarded-For}, {@code broker.client-ip.trusted-hops} entries from the right. */
    X_FORWARDED_FOR,
    /** {@code Forwarded} (RFC 7239) {@code for=}, {@code broker.client-ip.trusted-hops} elements from the right. */
    FORWARDED,
    /** {@code x-nf-client-connection-ip}, only on requests whose {@code x-nf-sign} verified. */
    NETLIFY
}
