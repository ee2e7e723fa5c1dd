package dev.anonbroker.gate.ratelimit;

import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The broker's own rate limits: per visitor IP and per visitor network on each gated endpoint, and one global mint
 * budget over every session started by {@code /anon-session} and {@code /exchange} together.
 *
 * <p>A refused request costs nothing. First the buckets the visitor shares (its network's, the budget) are looked at
 * without taking a token ({@code estimateAbilityToConsume}); when one is empty the request is refused before its own
 * per-IP bucket is touched, let alone created. Then the request is charged in the order IP, network, budget, and is
 * admitted only when every bucket gave a token; should a concurrent request have taken the last token of a later
 * bucket in between, the earlier buckets get theirs back ({@link TrackedBuckets#giveBack}). So a visitor who keeps
 * retrying while their network (or the whole broker) is at its limit does not empty their own per-IP bucket; a
 * visitor over their own limit never reaches, and so never drains, what their neighbours share; and only admitted
 * requests add buckets to the cache, which is why the cache cannot be churned by refused requests.
 *
 * <p>With {@link SharedBuckets} (Redis, when {@code redis.uri} is set) every bucket, the mint budget included, is
 * shared by all instances; a request whose shared bucket cannot be reached is counted in this process's own bucket
 * instead, so an outage of the shared store loosens the limits to one per instance rather than refusing requests.
 *
 * <p>{@code @Context}: the limits are parsed when the broker starts, so a malformed one stops it, naming the property.
 * They are checked even while {@code enabled} is false, so switching the limits on later cannot fail.
 */
@Context
public final class RateLimitGate {

    public static final String NAME = "rate-limit";

    static final String MINT_BUDGET = "mint-budget";
    /** The mint budget's one bucket has no visitor: this stands in for the subject of its shared key. */
    static final String WHOLE_BROKER = "broker";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private record EndpointPolicies(Optional<Policy> perIp, Optional<Policy> perNetwork) {
    }

    private record Taken(Policy policy, String subject, boolean shared) {
    }

    private final boolean enabled;
    private final Map<GatedEndpoint, EndpointPolicies> endpoints = new EnumMap<>(GatedEndpoint.class);
    private final Optional<Policy> mintBudget;
    private final Bucket mintBudgetBucket;
    private final TrackedBuckets buckets;
    private final Optional<SharedBuckets> shared;

    RateLimitGate(RateLimitConfiguration configuration, Clock clock) {
        this(configuration, clock, Optional.empty());
    }

    @Inject
    RateLimitGate(RateLimitConfiguration configuration, Clock clock, Optional<SharedBuckets> shared) {
        this.shared = shared;
        ClockTime time = new ClockTime(clock);
        this.enabled = configuration.enabled();
        endpoints.put(GatedEndpoint.ANON_SESSION, policies(GatedEndpoint.ANON_SESSION,
                configuration.anonSessionPerIp(), configuration.anonSessionPerNetwork()));
        endpoints.put(GatedEndpoint.EXCHANGE, policies(GatedEndpoint.EXCHANGE,
                configuration.exchangePerIp(), configuration.exchangePerNetwork()));
        endpoints.put(GatedEndpoint.REFRESH, policies(GatedEndpoint.REFRESH,
                configuration.refreshPerIp(), configuration.refreshPerNetwork()));
        this.mintBudget = policy(MINT_BUDGET, configuration.mintBudget());
        this.mintBudgetBucket = mintBudget.map(budget -> budget.sharedBucket(time)).orElse(null);
        this.buckets = new TrackedBuckets(configuration.maxTrackedKeys(), time);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes one request from each bucket the visitor's request counts against, or none when one of them is empty.
     *
     * @throws ProblemException 429 {@code rate-limited} when the visitor's per-IP or per-network bucket is empty, 503
     *                          {@code mint-budget-exhausted} when the broker's mint budget is; both with
     *                          {@code Retry-After}
     */
    public void check(GatedEndpoint endpoint, Visitor visitor) {
        if (!enabled) {
            return;
        }
        EndpointPolicies policies = endpoints.get(endpoint);
        String network = visitor.network();
        refuseIfSpent(policies.perNetwork(), network, "your network");
        if (endpoint.mints()) {
            refuseIfBudgetSpent();
        }
        List<Taken> taken = new ArrayList<>(2);
        try {
            take(policies.perIp(), visitor.ip(), "your address", taken);
            take(policies.perNetwork(), network, "your network", taken);
            if (endpoint.mints()) {
                spendMintBudget();
            }
        } catch (ProblemException refused) {
            taken.forEach(this::giveBack);
            throw refused;
        }
    }

    /**
     * How many per-IP and per-network buckets are held now, at most {@code max-tracked-keys}; public for the
     * benchmark, which runs outside this package.
     */
    public long trackedKeys() {
        return buckets.size();
    }

    /**
     * Whether {@code subject} (an IP or a network) has a local bucket, i.e. one that is not full, under
     * {@code policy}; buckets in {@link SharedBuckets} are not counted.
     */
    boolean tracks(String policy, String subject) {
        return buckets.tracks(policy, subject);
    }

    private void take(Optional<Policy> policy, String subject, String whose, List<Taken> taken) {
        if (policy.isEmpty()) {
            return;
        }
        Optional<ConsumptionProbe> inShared = shared(policy.get(), subject, TAKE);
        ConsumptionProbe probe = inShared.orElseGet(() -> buckets.take(policy.get(), subject));
        if (!probe.isConsumed()) {
            throw tooMany(policy.get(), whose, seconds(probe.getNanosToWaitForRefill()));
        }
        taken.add(new Taken(policy.get(), subject, inShared.isPresent()));
    }

    /** A token given back where it was taken; one the shared store fails to take back stays taken: stricter only. */
    private void giveBack(Taken taken) {
        if (taken.shared()) {
            shared(taken.policy(), taken.subject(), bucket -> {
                bucket.addTokens(1);
                return Boolean.TRUE;
            });
        } else {
            buckets.giveBack(taken.policy(), taken.subject());
        }
    }

    private void refuseIfSpent(Optional<Policy> policy, String subject, String whose) {
        if (policy.isPresent()) {
            long wait = shared(policy.get(), subject, NANOS_UNTIL_TOKEN)
                    .orElseGet(() -> buckets.nanosUntilToken(policy.get(), subject));
            if (wait > 0) {
                throw tooMany(policy.get(), whose, seconds(wait));
            }
        }
    }

    private void refuseIfBudgetSpent() {
        if (mintBudgetBucket != null) {
            long wait = budget(NANOS_UNTIL_TOKEN);
            if (wait > 0) {
                throw budgetSpent(seconds(wait));
            }
        }
    }

    private void spendMintBudget() {
        if (mintBudgetBucket != null) {
            ConsumptionProbe probe = budget(TAKE);
            if (!probe.isConsumed()) {
                throw budgetSpent(seconds(probe.getNanosToWaitForRefill()));
            }
        }
    }

    private static final Function<Bucket, ConsumptionProbe> TAKE = bucket -> bucket.tryConsumeAndReturnRemaining(1);

    private static final Function<Bucket, Long> NANOS_UNTIL_TOKEN = bucket -> {
        EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed() ? 0L : estimate.getNanosToWaitForRefill();
    };

    private <T> T budget(Function<Bucket, T> operation) {
        Supplier<T> local = () -> operation.apply(mintBudgetBucket);
        return shared(mintBudget.get(), WHOLE_BROKER, operation).orElseGet(local);
    }

    private <T> Optional<T> shared(Policy policy, String subject, Function<Bucket, T> operation) {
        return shared.flatMap(store -> store.apply(policy.name(), subject, policy.shared(), operation));
    }

    private ProblemException budgetSpent(long seconds) {
        return ProblemException.retryLater(ProblemType.MINT_BUDGET_EXHAUSTED, "The broker is starting as many "
                + "sessions as it can (" + MINT_BUDGET + ": " + mintBudget.get().limit().describe()
                + "). Retry in " + seconds + (seconds == 1 ? " second." : " seconds."), seconds, null);
    }

    private static ProblemException tooMany(Policy policy, String whose, long seconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(seconds));
        headers.put("RateLimit-Policy", policy.policyField());
        headers.put("RateLimit", policy.exhaustedField(seconds));
        String detail = "Too many requests from " + whose + " (" + policy.name() + ": " + policy.limit().describe()
                + "). Retry in " + seconds + (seconds == 1 ? " second." : " seconds.");
        return new ProblemException(ProblemType.RATE_LIMITED, detail, headers, null);
    }

    /** Whole seconds, rounded up, at least 1, as {@code Retry-After} wants them. */
    static long seconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    private static EndpointPolicies policies(GatedEndpoint endpoint, String perIp, String perNetwork) {
        return new EndpointPolicies(policy(endpoint.label() + "-per-ip", perIp),
                policy(endpoint.label() + "-per-network", perNetwork));
    }

    private static Optional<Policy> policy(String name, String value) {
        return Limit.parse(RateLimitConfiguration.PREFIX + "." + name, value).map(limit -> Policy.of(name, limit));
    }
}
