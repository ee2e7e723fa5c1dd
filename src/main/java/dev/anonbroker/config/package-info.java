package dev.anonbroker.config;
