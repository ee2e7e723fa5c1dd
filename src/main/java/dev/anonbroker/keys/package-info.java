package dev.anonbroker.keys;
