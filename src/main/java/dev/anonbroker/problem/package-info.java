/**
 * The error catalogue ({@link dev.anonbroker.problem.ProblemType}) and the single rendering of every error as
 * RFC 9457 {@code application/problem+json}. Services throw {@link dev.anonbroker.problem.ProblemException};
 * controllers never catch. Nothing here may put a token, password, key, stack trace or upstream body in a response.
 */
package dev.anonbroker.problem;
