package dev.portier.drivers.trust;

/** The enrolled, unblocked phone behind a mobile API request. */
public record DeviceCaller(String deviceId, String accountId, String personId) {
}
