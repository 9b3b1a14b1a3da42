package dev.portier.drivers.vehicles;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.access.whatif.PairChange;
import dev.portier.access.whatif.VendorLimits;
import dev.portier.access.whatif.WhatIfDiff;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.ReservationSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The what-if's vendor limits at vehicles whose driver keeps stored keys (Geotab Keyless: at most four active keys per
 * GO device): for each such vehicle that people or cards would gain, how full its memory is now ({@link
 * ReservationVendor#capacity}, a driver call on a worker with its time limit) and whether more would gain it than it
 * can hold a key for. Vehicles with online check-in off let in only who holds a stored key, which is said too.
 */
@Singleton
final class StoredKeyLimits implements VendorLimits {

    private final ReservationVendor vendor;
    private final OnlineCheckIns checkIns;

    @Inject
    StoredKeyLimits(ReservationVendor vendor, OnlineCheckIns checkIns) {
        this.vendor = vendor;
        this.checkIns = checkIns;
    }

    @Override
    public List<String> warnings(SignedInUser who, WhatIfDiff diff) {
        Map<String, List<PairChange>> byLock = new LinkedHashMap<>();
        diff.gained().forEach(gain -> byLock.computeIfAbsent(gain.lockId(), id -> new ArrayList<>()).add(gain));
        List<String> warnings = new ArrayList<>();
        byLock.forEach((lockId, gains) -> {
            Optional<DriverCallResult<ReservationSync.Capacity>> capacity = vendor.capacity(who, lockId);
            if (capacity.isEmpty()) {
                return; // no stored keys at this vendor: nothing to run out of
            }
            String vehicle = "'" + gains.getFirst().lockName() + "'";
            switch (capacity.get()) {
                case DriverCallResult.Succeeded<ReservationSync.Capacity> ok when ok.value() != null -> {
                    ReservationSync.Capacity c = ok.value();
                    int free = Math.max(0, c.maxActiveKeys() - c.activeKeys());
                    if (gains.size() > free) {
                        warnings.add(vehicle + " stores at most " + c.maxActiveKeys() + " keys at its vendor (" + c.activeKeys()
                                + " in use now): " + gains.size() + " people or cards gain it, so " + (gains.size() - free)
                                + " of them cannot hold a stored key at the same time and rely on its online check-in"
                                + (checkIns.get(who, lockId).disabled() ? ", which is off for this vehicle" : "") + ".");
                    }
                }
                case DriverCallResult.Succeeded<ReservationSync.Capacity> unknown ->
                        warnings.add(vehicle + ": its vendor did not say how many keys it holds.");
                case DriverCallResult.Failed<ReservationSync.Capacity> failed ->
                        warnings.add(vehicle + ": its stored-key limit could not be read (" + failed.message() + ").");
            }
        });
        return warnings;
    }
}
