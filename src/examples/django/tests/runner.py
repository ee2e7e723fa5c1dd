"""Django's test runner, plus one closing line with the counts that CI logs are read for."""
import sys

from django.test.runner import DiscoverRunner


class SummaryRunner(DiscoverRunner):
    def run_suite(self, suite, **kwargs):
        result = super().run_suite(suite, **kwargs)
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped)
        passed = result.testsRun - failed - skipped - len(result.expectedFailures)
        print(f"django: {passed} passed, {failed} failed, {skipped} skipped", file=sys.stderr, flush=True)
        return result
