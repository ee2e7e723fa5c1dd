/**
 * The visitor's IP ({@code broker.client-ip.*}): which source the operator trusts, and parsing of forwarding headers
 * and IP literals without DNS. It decides who a request counts as, never refuses one, and never trusts text a caller
 * wrote outside the positions the operator's own proxies write.
 */
package dev.anonbroker.gate.ip;
