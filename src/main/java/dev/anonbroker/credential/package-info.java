package dev.anonbroker.credential;
