package dev.anonbroker.emulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parallel requests against one emulator: no lost users, one winner per email and per refresh token. */
class ConcurrencyTest {

    private static <T> List<T> runAll(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelSignupsLoseNoUser() throws Exception {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            List<Integer> statuses = runAll(200, () -> http.postJson("/signup",
                    "{\"email\":\"p" + n.incrementAndGet() + "@x.test\",\"password\":\"secret1\"}").status());
            assertEquals(200, statuses.stream().filter(s -> s == 200).count());
            assertEquals(200, emulator.users().size());
            TestHttp.Response list = http.get("/admin/users?per_page=500", TestHttp.bearer(TestHttp.serviceRole()));
            assertEquals("200", list.header("X-Total-Count"));
            assertEquals(200, list.json().get("users").size());
        }
    }

    @Test
    void sameEmailInParallelCreatesOneUser() throws Exception {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            List<Integer> statuses = runAll(40, () -> http.postJson("/signup",
                    "{\"email\":\"same@x.test\",\"password\":\"pw\"}").status());
            assertEquals(1, emulator.users().size());
            assertEquals(1, statuses.stream().filter(s -> s == 200).count());
            assertEquals(39, statuses.stream().filter(s -> s == 400).count());
        }
    }

    @Test
    void aRefreshTokenRotatesOnlyOnce() throws Exception {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            http.postJson("/signup", "{\"email\":\"r@x.test\",\"password\":\"pw\"}");
            String refresh = http.postForm("/token", "grant_type=password&username=r@x.test&password=pw")
                    .json().get("refresh_token").asText();
            List<Integer> statuses = runAll(20, () -> http.postForm("/token",
                    "grant_type=refresh_token&refresh_token=" + refresh).status());
            assertEquals(1, statuses.stream().filter(s -> s == 200).count());
            assertEquals(19, statuses.stream().filter(s -> s == 400).count());
        }
    }

    @Test
    void parallelDeletesAnswerOnce200ThenNotFound() throws Exception {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            String id = http.postJson("/signup", "{\"email\":\"d@x.test\",\"password\":\"secret1\"}")
                    .json().at("/user/id").asText();
            List<Integer> statuses = runAll(20, () -> http.delete("/admin/users/" + id,
                    TestHttp.bearer(TestHttp.serviceRole())).status());
            assertEquals(1, statuses.stream().filter(s -> s == 200).count());
            assertEquals(19, statuses.stream().filter(s -> s == 404).count());
            assertEquals(0, emulator.users().size());
        }
    }
}
