package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.ReservationSync.Capacity;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.api.ReservationSync.StoredReservation;
import dev.portier.plugin.api.VendorRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reservations as stored virtual keys: checks the documented limits before calling the Keyless
 * Service, creates and deletes keys, and remembers the keys it created (the API cannot list them).
 * Bringing them onto the GO device is the Keyless Service's own synchronisation workflow (the device
 * reports diagnostics 3407/3408, the service compares and resends); the plugin never deletes or
 * re-creates keys because of what a device reports. One lock for the connection keeps
 * check-then-create atomic per device. A broken limit is a {@link KeylessLimitExceeded} (nothing is
 * created); a key the service refuses (400) a {@link dev.portier.plugin.api.VendorRefusedException};
 * anything else a transient failure the host retries.
 */
final class StoredKeys {

    private final GeotabDriver driver;
    private final DriverContext context;
    private final KeyLedger ledger;
    private final Object lock = new Object();

    StoredKeys(GeotabDriver driver, DriverContext context, KeyLedger ledger) {
        this.driver = driver;
        this.context = context;
        this.ledger = ledger;
    }

    Capacity capacity(LockRef vehicle) {
        synchronized (lock) {
            List<KeyLedger.Entry> active = active(vehicle.vendorReference());
            return new Capacity(active.size(), KeylessLimits.MAX_ACTIVE_STORED_KEYS, cards(active),
                    KeylessLimits.MAX_TAP_CARDS_PER_DEVICE);
        }
    }

    StoredReservation store(ReservationRequest request) {
        String serial = request.lock().vendorReference();
        long begin = request.begin().toEpochMilli();
        long end = request.end().toEpochMilli();
        synchronized (lock) {
            List<KeyLedger.Entry> active = active(serial);
            KeyLedger.Entry wanted = new KeyLedger.Entry(null, request.reservationId(), request.cardSerials(),
                    request.userReference(), begin, end, VendorNames.sorted(request.permissions(), VendorNames::of),
                    VendorNames.sorted(request.privileges(), VendorNames::of),
                    VendorNames.sorted(request.endBookConditions(), VendorNames::of));
            for (KeyLedger.Entry entry : active) {
                if (request.reservationId().equals(entry.reservationId()) && sameTerms(entry, wanted)) {
                    // The host retried a call that reached the vendor: answer the key created then. A changed
                    // booking (other times, cards or permissions) gets a new key; the host removes the old one.
                    return new StoredReservation(entry.keyId());
                }
            }
            KeylessLimits.check(active.size(), cards(active), request.cardSerials());
            KeylessClient.Answer answer = call(() -> driver.client().createVirtualKey(serial, wanted.requestBody()));
            if (answer.status() == 400) {
                throw new VendorRefusedException("The Keyless Service refused the virtual key: " + answer.error());
            }
            String id = KeylessJson.text(answer.json(), "virtualKeyId");
            if (!answer.ok() || id == null) {
                throw new IllegalStateException("The Keyless Service could not create the virtual key: " + answer.error());
            }
            List<KeyLedger.Entry> entries = new ArrayList<>(active);
            entries.add(new KeyLedger.Entry(id, wanted.reservationId(), wanted.cards(), wanted.userReference(), begin,
                    end, wanted.permissions(), wanted.privileges(), wanted.endBookConditions()));
            ledger.save(serial, entries, now());
            return new StoredReservation(id);
        }
    }

    private static boolean sameTerms(KeyLedger.Entry stored, KeyLedger.Entry wanted) {
        return stored.begin() == wanted.begin() && stored.end() == wanted.end() && stored.cards().equals(wanted.cards())
                && java.util.Objects.equals(stored.userReference(), wanted.userReference())
                && stored.permissions().equals(wanted.permissions()) && stored.privileges().equals(wanted.privileges())
                && stored.endBookConditions().equals(wanted.endBookConditions());
    }

    void cancel(LockRef vehicle, String vendorKeyId) {
        String serial = vehicle.vendorReference();
        synchronized (lock) {
            List<KeyLedger.Entry> entries = new ArrayList<>(ledger.load(serial));
            KeyLedger.Entry entry = entries.stream().filter(e -> e.keyId().equals(vendorKeyId)).findFirst().orElse(null);
            KeylessClient.Answer answer = call(() -> driver.client().deleteVirtualKey(serial, vendorKeyId));
            if (!answer.ok() && answer.status() != 404) {
                throw new IllegalStateException("The Keyless Service could not delete virtual key " + vendorKeyId + ": "
                        + answer.error());
            }
            entries.remove(entry);
            ledger.save(serial, entries, now());
        }
    }

    void cancelAll(LockRef vehicle) {
        String serial = vehicle.vendorReference();
        synchronized (lock) {
            KeylessClient.Answer answer = call(() -> driver.client().deleteAllVirtualKeys(serial));
            if (answer.status() != 202) {
                throw new IllegalStateException("The Keyless Service did not accept deleting all virtual keys of " + serial
                        + ": " + answer.error());
            }
            ledger.save(serial, List.of(), now());
        }
    }

    /** Active stored keys Portier created for the vehicle, by begin. */
    List<KeyLedger.Entry> activeKeys(String serial) {
        synchronized (lock) {
            return active(serial).stream().sorted(java.util.Comparator.comparingLong(KeyLedger.Entry::begin)).toList();
        }
    }

    private List<KeyLedger.Entry> active(String serial) {
        long now = now();
        return ledger.load(serial).stream().filter(e -> e.activeAt(now)).toList();
    }

    private long now() {
        return context.clock().millis();
    }

    private static int cards(List<KeyLedger.Entry> entries) {
        return entries.stream().mapToInt(e -> e.cards().size()).sum();
    }

    interface Call {
        KeylessClient.Answer run() throws IOException, InterruptedException;
    }

    /** Runs a call to the service; an unreachable service is an unchecked failure the host reports. */
    static KeylessClient.Answer call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("The Keyless Service could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the Keyless Service", e);
        }
    }
}
