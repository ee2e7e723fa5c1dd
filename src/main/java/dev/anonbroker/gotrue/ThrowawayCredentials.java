package dev.anonbroker.gotrue;

/**
 * Email and password of a throwaway user. The password must never be logged or kept after use.
 */
public record ThrowawayCredentials(String email, String password) {

    @Override
    public String toString() {
        return "ThrowawayCredentials[email=" + email + ", password=***]";
    }
}
