package dev.anonbroker.gotrue;

/**
 * The answer to an email sign-up: netlify answers with the user only (a password grant must follow),
 * supabase with autoconfirm answers with tokens as well.
 *
 * @param user   the created user
 * @param tokens the tokens, or null when the flavor needs a password grant
 */
public record SignUpResult(GoTrueUser user, GoTrueTokens tokens) {

    public boolean hasTokens() {
        return tokens != null;
    }
}
