"""Runs the real broker jar (with its embedded GoTrue emulator) for the tests, on free loopback ports."""
import atexit
import glob
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
START_DEADLINE_SECONDS = 60
STOP_DEADLINE_SECONDS = 15


def broker_jar():
    """``ANON_BROKER_JAR`` (the build passes it), else the jar in the repository's target/."""
    jar = os.environ.get("ANON_BROKER_JAR")
    if not jar:
        candidates = [p for p in glob.glob(os.path.join(REPO_ROOT, "target", "anon-broker-*.jar"))
                      if not os.path.basename(p).startswith("original-")]
        jar = candidates[0] if candidates else ""
    if not jar or not os.path.isfile(jar):
        raise RuntimeError("broker jar not found: run 'mvn -B package -DskipTests' or set ANON_BROKER_JAR")
    return jar


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BrokerProcess:
    """One broker process. ``start(jwks)`` may be called again after ``stop()``: same port, same issuer."""

    def __init__(self):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self._process = None
        self._workdir = tempfile.TemporaryDirectory(prefix="anon-broker-test-")
        self._log_path = os.path.join(self._workdir.name, "broker.log")
        atexit.register(self.stop)  # also when the test run is interrupted before the class cleanups

    def start(self, signing_jwks):
        """Starts the broker signing with the first key of ``signing_jwks`` (a dict) and waits until it is up."""
        keys_file = os.path.join(self._workdir.name, "signing-jwks.json")
        with open(os.open(keys_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            json.dump(signing_jwks, f)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BROKER_", "MICRONAUT_"))}
        env.update({
            "MICRONAUT_SERVER_PORT": str(self.port),
            "BROKER_ISSUER": self.issuer,
            "BROKER_SIGNING_JWKS_FILE": keys_file,
            "BROKER_EMULATOR_PORT": str(free_port()),
            "BROKER_EMULATOR_BCRYPT_COST": "4",
            # Signing keys without a GoTrue URL: the broker refuses the embedded emulator unless asked for it.
            "BROKER_EMULATOR_ENABLED": "true",
            "BROKER_MANAGEMENT_PORT": str(free_port()),
        })
        with open(self._log_path, "ab") as log:
            self._process = subprocess.Popen([_java(), "-jar", broker_jar()], env=env, stdout=log,
                                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self._await_health()

    def stop(self):
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(STOP_DEADLINE_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def close(self):
        self.stop()
        self._workdir.cleanup()

    def new_session(self, audience=None, dpop_proof=None):
        """``POST /anon-session``: the broker's JSON answer (access_token, token_type, expires_in, session_id). With
        ``dpop_proof``, the broker binds the token to the proof's key."""
        body = json.dumps({"audience": audience}).encode() if audience else b""
        headers = {"Content-Type": "application/json"}
        if dpop_proof:
            headers["DPoP"] = dpop_proof
        request = urllib.request.Request(f"{self.issuer}/anon-session", data=body, method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def _await_health(self):
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"broker exited with {self._process.returncode} at start-up:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.issuer}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            # Polling interval while the JVM starts; the deadline above bounds the wait.
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"broker not healthy after {START_DEADLINE_SECONDS}s:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        with open(self._log_path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])


def _java():
    java_home = os.environ.get("JAVA_HOME")
    return os.path.join(java_home, "bin", "java") if java_home else "java"
