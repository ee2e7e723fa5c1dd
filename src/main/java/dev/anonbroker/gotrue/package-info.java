package dev.anonbroker.gotrue;
