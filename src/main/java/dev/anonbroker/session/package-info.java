/**
 * The frontend's endpoints: {@code POST /anon-session}, {@code /exchange} and {@code /refresh}, and the
 * orchestration of the throwaway-user scheme as named steps. It talks to GoTrue only through
 * {@link dev.anonbroker.gotrue.GoTrueClient}, signs only through {@code token/}, and hands every user it learns of to
 * the deletion queue. It must never log a token or password and never block the event loop.
 */
package dev.anonbroker.session;
