package dev.portier.plugins.geotab.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A virtual key as the simulated Keyless Service holds it: stored ones live in a GO device's flash
 * (at most four active), others only come with a command's {@code virtualKeyRequest}.
 *
 * @param endingTimestamp the expiry, in epoch milliseconds; a key whose end has passed is expired
 */
public record VirtualKey(String virtualKeyId, boolean stored, List<String> tapCardSerialNumbers, String userReference,
        String serialNumber, long beginningTimestamp, long endingTimestamp, List<String> permissions,
        List<String> privileges, List<String> endBookConditions) {

    public VirtualKey {
        tapCardSerialNumbers = List.copyOf(tapCardSerialNumbers);
        permissions = List.copyOf(permissions);
        privileges = List.copyOf(privileges);
        endBookConditions = List.copyOf(endBookConditions);
    }

    public boolean activeAt(long millis) {
        return endingTimestamp > millis;
    }

    public boolean validAt(long millis) {
        return beginningTimestamp <= millis && millis < endingTimestamp;
    }

    /** The documented response body of {@code POST …/virtual-keys}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("virtualKeyId", virtualKeyId);
        json.put("isStoredVirtualKey", stored);
        json.put("tapCardSerialNumbers", tapCardSerialNumbers);
        json.put("userReference", userReference);
        json.put("serialNumber", serialNumber);
        json.put("keylessToken", "simulated-token-" + virtualKeyId);
        json.put("rsaKeyPairId", "simulated-rsa-" + serialNumber);
        json.put("beginningTimestamp", beginningTimestamp);
        json.put("endingTimestamp", endingTimestamp);
        json.put("permissions", permissions);
        json.put("privileges", privileges);
        json.put("endBookConditions", endBookConditions);
        return json;
    }
}
