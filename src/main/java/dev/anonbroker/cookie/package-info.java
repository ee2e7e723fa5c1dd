/**
 * Cookie mode ({@code broker.cookie.*}): the session endpoints' tokens as {@code Secure}, {@code HttpOnly},
 * {@code SameSite=Strict} cookies for a site that reaches the broker and its backend on its own origin. It renders
 * and reads the two cookies and refuses, at start-up, settings in which they would protect nothing. It must not mint,
 * verify or revoke tokens itself (that is {@code session/}'s and {@code token/}'s) and never logs a cookie's value.
 */
package dev.anonbroker.cookie;
