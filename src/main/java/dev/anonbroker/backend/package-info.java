package dev.anonbroker.backend;
