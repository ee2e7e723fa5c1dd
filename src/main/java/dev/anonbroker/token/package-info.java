package dev.anonbroker.token;
