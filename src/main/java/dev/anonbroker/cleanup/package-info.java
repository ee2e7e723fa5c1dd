package dev.anonbroker.cleanup;
