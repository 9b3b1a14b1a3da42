package dev.portier.plugin.api;

import java.util.Arrays;
import java.util.Objects;

/** Who holds a key ({@link KeyIssuing.KeyRequest#holder()}). Immutable; any thread. */
public sealed interface KeyHolder permits KeyHolder.Device, KeyHolder.Card {

    /** The {@link HolderKind} of this holder. */
    HolderKind kind();

    /**
     * A registered device.
     *
     * @param deviceId  Portier's id of the device
     * @param publicKey the device's raw Ed25519 public key (32 bytes); copied in and out
     */
    record Device(String deviceId, byte[] publicKey) implements KeyHolder {
        public Device {
            Objects.requireNonNull(deviceId, "deviceId");
            publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public HolderKind kind() {
            return HolderKind.DEVICE;
        }

        // Arrays compare by content: two requests for the same device are equal.
        @Override
        public boolean equals(Object other) {
            return other instanceof Device device && deviceId.equals(device.deviceId)
                    && Arrays.equals(publicKey, device.publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * deviceId.hashCode() + Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "Device[" + deviceId + "]";
        }
    }

    /**
     * A card.
     *
     * @param cardId Portier's id of the card
     * @param serial the card's serial number
     */
    record Card(String cardId, String serial) implements KeyHolder {
        public Card {
            Objects.requireNonNull(cardId, "cardId");
            Objects.requireNonNull(serial, "serial");
        }

        @Override
        public HolderKind kind() {
            return HolderKind.CARD;
        }
    }
}
