package dev.anonbroker.session;

/**
 * A throwaway user GoTrue created, with the access token GoTrue issued for it (never logged).
 */
record ProvisionedUser(String userId, String accessToken) {

    @Override
    public String toString() {
        return "ProvisionedUser[userId=" + userId + "]";
    }
}
