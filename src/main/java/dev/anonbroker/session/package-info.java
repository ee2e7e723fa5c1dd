/**
 * The frontend's endpoints: {@code POST /anon-session}, {@code /exchange} and {@code /refresh} (and, in cookie mode,
 * {@code /end}), and the orchestration of the throwaway-user scheme as named steps. A successful mint or refresh is
 * rendered in the body, or in cookie mode in the cookies of {@link dev.anonbroker.cookie.SessionCookies}. It talks to GoTrue only through
 * {@link dev.anonbroker.gotrue.GoTrueClient}, signs only through {@code token/}, and hands every user it learns of to
 * the deletion queue. Refresh takes its caller from micronaut-security (a verified broker token, role
 * {@code SESSION_HOLDER}) and checks revocation and session age itself; exchange is anonymous to the framework, since
 * its bearer is a GoTrue token, which {@link dev.anonbroker.session.GoTrueAccessCheck} verifies. It must never log a
 * token or password and never block the event loop.
 */
package dev.anonbroker.session;
