package dev.portier.plugins.geotab.simulator;

import dev.portier.plugins.geotab.internal.KeylessLimits;
import dev.portier.plugins.geotab.internal.SerialNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated GO device with its IOX-NFCREADERA, and the Keyless Service's keys for it. It follows the
 * vendor document: stored keys synchronised into flash by the service's own workflow (the active ones,
 * at most four; each key-set change gets a new synchronisation id, which the device reports as
 * diagnostics 3407 and 3408 once it holds that set), the "Disable Online CheckIn" parameter, short taps and
 * long holds, CheckIn requests answered within the CheckIn timer or refused, commands with or without
 * virtual key context, and tap notifications buffered while offline and delivered in time order on
 * reconnect (those of the last 24 hours). Thread-safe; webhook deliveries happen outside its lock,
 * since the integrator answers a CheckIn request while its delivery is still open.
 */
public final class GoDevice {

    private static final Duration OFFLINE_DELIVERY_WINDOW = Duration.ofHours(24);
    /** The lowest GO firmware the Keyless NFC document supports ("33.37 or above"): what a simulated device runs. */
    public static final String DOCUMENTED_FIRMWARE = "33.37";

    private final String serialNumber;
    private final Clock clock;
    private final WebhookCourier courier;
    private final Duration checkInTimer;
    private final ScheduledExecutorService timers;
    private final Map<String, VirtualKey> keys = new LinkedHashMap<>();
    private final List<Notification> outbox = new ArrayList<>();
    private final List<Runnable> queuedWhileOffline = new ArrayList<>();
    private List<VirtualKey> flash = List.of();
    /** The service's synchronisation resource for the active key set, and the one the device last received. */
    private String serviceSyncId = newSyncId();
    private String deviceSyncId = serviceSyncId;
    private boolean onlineCheckInDisabled;
    private boolean online = true;
    private long lastCommunication;
    private String firmware = DOCUMENTED_FIRMWARE;
    private boolean locked = true;
    private boolean ignitionEnabled;
    private VirtualKey checkedIn;
    private PendingCheckIn pending;

    /** A notification the device produced, waiting for a network connection. */
    record Notification(String type, long timestamp, Map<String, Object> data) {
    }

    private record PendingCheckIn(String card, Instant deadline, CompletableFuture<List<String>> answer) {
    }

    /** What a tap or a reconnection did: transcript lines and the webhook deliveries it caused. */
    public record Outcome(List<String> lines, List<WebhookCourier.Delivery> deliveries) {
    }

    GoDevice(String serialNumber, Clock clock, WebhookCourier courier, Duration checkInTimer, ScheduledExecutorService timers) {
        this.serialNumber = serialNumber;
        this.clock = clock;
        this.courier = courier;
        this.checkInTimer = checkInTimer;
        this.timers = timers;
        this.lastCommunication = clock.millis();
    }

    public String serialNumber() {
        return serialNumber;
    }

    /** The Keyless Service creates a stored key after checking the documented rules, then syncs the device. */
    synchronized VirtualKey createStoredKey(VirtualKey request) {
        long now = clock.millis();
        List<VirtualKey> active = storedActive(now);
        int cards = active.stream().mapToInt(k -> k.tapCardSerialNumbers().size()).sum();
        checkTimes(request);
        KeylessLimits.check(active.size(), cards, request.tapCardSerialNumbers());
        VirtualKey key = withNewId(request, true);
        keys.put(key.virtualKeyId(), key);
        sync();
        return key;
    }

    synchronized boolean deleteKey(String virtualKeyId) {
        VirtualKey removed = keys.remove(virtualKeyId);
        sync();
        return removed != null;
    }

    synchronized void deleteAllKeys() {
        keys.values().removeIf(VirtualKey::stored);
        sync();
    }

    /**
     * The Reservation Sync ID (diagnostic 3407, equal to the Allow-list Sync ID 3408) the device reports:
     * the id of the key set it last received. The service compares it with its own and resends on a
     * mismatch; nothing of this is visible to integrators.
     */
    public synchronized String reservationSyncId() {
        return deviceSyncId;
    }

    /**
     * The Keyless Service's synchronisation workflow for this device ("run periodically"): when the id the
     * device reports differs from the service's, and the device has a network, the key set is sent again.
     * Answers whether it sent one.
     */
    public synchronized boolean synchronise() {
        if (!online || deviceSyncId.equals(serviceSyncId)) {
            return false;
        }
        flash = storedActive(clock.millis());
        deviceSyncId = serviceSyncId;
        return true;
    }

    /**
     * Puts a stored key back into the service under its own id, as a Keyless Service that kept its state
     * would hold it: a sandbox connection does this after a restart, since the simulator starts empty.
     */
    public synchronized void restoreStoredKey(VirtualKey key) {
        if (!key.stored() || keys.containsKey(key.virtualKeyId())) {
            return;
        }
        keys.put(key.virtualKeyId(), new VirtualKey(key.virtualKeyId(), true, key.tapCardSerialNumbers(), key.userReference(),
                serialNumber, key.beginningTimestamp(), key.endingTimestamp(), key.permissions(), key.privileges(),
                key.endBookConditions()));
        sync();
    }

    /**
     * The custom device parameter "Disable Online CheckIn" (offset 181): when set, a card not stored on the
     * device is refused there and no CheckIn request is sent.
     */
    public synchronized void disableOnlineCheckIn(boolean disabled) {
        onlineCheckInDisabled = disabled;
    }

    public synchronized boolean onlineCheckInDisabled() {
        return onlineCheckInDisabled;
    }

    /**
     * Runs commands (named as in the API: Lock, Unlock, CheckIn …) as if they came over Bluetooth (see
     * "Send Commands With Virtual Key Context"). A valid {@code requestKey} is created first and becomes the context.
     */
    Map<String, Object> commands(List<String> names, String virtualKeyId, VirtualKey requestKey) {
        String contextId;
        synchronized (this) {
            VirtualKey context = null;
            if (requestKey != null) {
                if (requestKey.stored()) {
                    context = createStoredKey(requestKey);
                } else {
                    requestKey.tapCardSerialNumbers().forEach(SerialNumbers::check);
                    checkTimes(requestKey);
                    context = withNewId(requestKey, false);
                    keys.put(context.virtualKeyId(), context);
                }
            } else if (virtualKeyId != null) {
                context = keys.get(virtualKeyId);
                if (context == null) {
                    throw new IllegalArgumentException("Unknown virtualKeyId " + virtualKeyId);
                }
            }
            contextId = context == null ? null : context.virtualKeyId();
            VirtualKey chosen = context;
            if (online) {
                execute(names, chosen);
            } else {
                queuedWhileOffline.add(() -> execute(names, chosen));
            }
        }
        deliverOutbox();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("commands", names);
        answer.put("virtualKeyId", contextId);
        return answer;
    }

    /** A card held to the reader: a short tap or a long hold (about 7 s). Waits up to {@code patience} for an integrator's answer. */
    public Outcome tap(String cardSerial, boolean longHold, Duration patience) {
        List<String> lines = new ArrayList<>();
        PendingCheckIn asking = null;
        long now;
        synchronized (this) {
            now = clock.millis();
            if (pending != null) {
                lines.add("The reader disallows taps while an NFC command is in progress (CheckIn request for "
                        + pending.card() + " until " + pending.deadline() + ").");
                lines.add(Led.ACTION_IN_PROGRESS.line());
                return new Outcome(lines, List.of());
            }
            lines.add((longHold ? "Long hold" : "Short tap") + " of card " + cardSerial + " at " + serialNumber
                    + " (" + (online ? "online" : "offline") + ")");
            lines.add(Led.TAG_DETECTED.line());
            if (checkedIn != null) {
                tapWhileBooked(cardSerial, longHold, lines);
            } else {
                VirtualKey key = flash.stream().filter(k -> k.validAt(now) && k.tapCardSerialNumbers().contains(cardSerial))
                        .findFirst().orElse(null);
                if (key != null) {
                    if (longHold) {
                        lines.add(Led.ACTION_IN_PROGRESS.line());
                    }
                    lines.add("Card found in stored virtual key " + key.virtualKeyId() + ": CHECKIN, IGNITIONENABLE, UNLOCK");
                    checkIn(key, cardSerial, lines);
                } else if (!longHold) {
                    lines.add("Card not in a valid stored virtual key; a short tap does not ask the integrator.");
                    lines.add(Led.ACCESS_DENIED.line());
                } else if (onlineCheckInDisabled) {
                    lines.add("Card not in a valid stored virtual key and \"Disable Online CheckIn\" is set: no CheckIn request.");
                    lines.add(Led.ACCESS_DENIED.line());
                } else if (!online) {
                    lines.add("Card not in a valid stored virtual key and the device has no network: no CheckIn request.");
                    lines.add(Led.ACCESS_DENIED.line());
                } else {
                    asking = new PendingCheckIn(cardSerial, clock.instant().plus(checkInTimer), new CompletableFuture<>());
                    pending = asking;
                    PendingCheckIn started = asking;
                    timers.schedule(() -> expire(started), checkInTimer.toMillis(), TimeUnit.MILLISECONDS);
                    lines.add(Led.ACTION_IN_PROGRESS.line());
                    lines.add("Card not in a stored virtual key: CheckIn request sent; the integrator has until "
                            + asking.deadline() + " (CheckIn response timer " + checkInTimer.toSeconds() + " s).");
                }
            }
        }
        List<WebhookCourier.Delivery> deliveries = new ArrayList<>(deliverOutbox());
        if (asking != null) {
            WebhookCourier.Delivery delivery = courier.notify("CheckIn", now,
                    Map.of("deviceSerialNumber", serialNumber, "tapCardSerialNumber", cardSerial));
            deliveries.add(delivery);
            lines.add("Webhook answered HTTP " + delivery.status() + ": " + delivery.answer());
            lines.addAll(await(asking, patience));
        }
        return new Outcome(lines, deliveries);
    }

    /** Takes the device off the network or back; back online it syncs, runs queued commands and delivers buffered notifications in time order. */
    public Outcome setOnline(boolean wanted) {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            if (online == wanted) {
                lines.add(serialNumber + " is already " + (wanted ? "online" : "offline") + ".");
                return new Outcome(lines, List.of());
            }
            lastCommunication = clock.millis();
            online = wanted;
            if (!wanted) {
                lines.add(serialNumber + " lost its network connection; taps still work with stored keys and are reported later.");
                return new Outcome(lines, List.of());
            }
            lines.add(serialNumber + " is back online.");
            if (synchronise()) {
                lines.add("The Keyless Service sent the current stored keys (sync ID " + serviceSyncId + ").");
            }
            queuedWhileOffline.forEach(Runnable::run);
            queuedWhileOffline.clear();
            long oldest = clock.millis() - OFFLINE_DELIVERY_WINDOW.toMillis();
            int dropped = outbox.size();
            outbox.removeIf(n -> n.timestamp() < oldest);
            dropped -= outbox.size();
            if (dropped > 0) {
                lines.add(dropped + " tap event(s) older than 24 hours are not delivered.");
            }
            outbox.sort(Comparator.comparingLong(Notification::timestamp));
        }
        List<WebhookCourier.Delivery> deliveries = deliverOutbox();
        deliveries.forEach(d -> lines.add("Delivered " + d.type() + " of " + Instant.ofEpochMilli(d.timestamp())
                + ": HTTP " + d.status() + " " + d.answer()));
        return new Outcome(lines, deliveries);
    }

    /**
     * The device's connectivity as {@code GET …/devices/{serialNumber}/status} answers it (an assumed shape,
     * see {@link KeylessSimulator}): an online device communicates all the time, an offline one last did
     * when it lost its network.
     */
    synchronized Map<String, Object> status() {
        if (online) {
            lastCommunication = clock.millis();
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("serialNumber", serialNumber);
        status.put("isDeviceCommunicating", online);
        status.put("lastCommunicationTimestamp", lastCommunication);
        status.put("firmwareVersion", firmware);
        return status;
    }

    /** Installs other firmware (e.g. an update), as the device will report it. */
    public synchronized void firmware(String version) {
        this.firmware = version;
    }

    /** A description of the device for people: state and stored keys. */
    public synchronized List<String> describe() {
        long now = clock.millis();
        List<String> lines = new ArrayList<>();
        lines.add(serialNumber + ": " + (online ? "online" : "offline") + ", " + (locked ? "locked" : "unlocked")
                + ", ignition " + (ignitionEnabled ? "enabled" : "inhibited")
                + (checkedIn == null ? ", not booked" : ", checked in with " + checkedIn.virtualKeyId()));
        lines.add("Reservation Sync ID (3407) = Allow-list Sync ID (3408): " + deviceSyncId
                + (deviceSyncId.equals(serviceSyncId) ? " (the Keyless Service's current key set)"
                        : " (the Keyless Service holds " + serviceSyncId + " and will send it again)"));
        lines.add("Online CheckIn: " + (onlineCheckInDisabled ? "disabled (\"Disable Online CheckIn\" is set)" : "enabled"));
        lines.add("Stored virtual keys in flash: " + flash.size() + " of " + KeylessLimits.MAX_ACTIVE_STORED_KEYS + ", tap cards "
                + flash.stream().mapToInt(k -> k.tapCardSerialNumbers().size()).sum() + " of " + KeylessLimits.MAX_TAP_CARDS_PER_DEVICE);
        for (VirtualKey key : flash) {
            lines.add("  " + key.virtualKeyId() + " " + Instant.ofEpochMilli(key.beginningTimestamp()) + " – "
                    + Instant.ofEpochMilli(key.endingTimestamp()) + (key.activeAt(now) ? "" : " (expired)")
                    + ", cards " + key.tapCardSerialNumbers() + ", user " + key.userReference());
        }
        if (checkedIn != null) {
            lines.add(Led.BOOKING_ACTIVE.line() + (ignitionEnabled ? " (not shown: ignition is on)" : ""));
        }
        return lines;
    }

    /** The stored virtual keys in the device's flash, as the Keyless Service last synchronised them. */
    public synchronized List<VirtualKey> storedKeys() {
        return List.copyOf(flash);
    }

    /** Loses the stored keys in flash (e.g. a replaced device), so its Reservation Sync ID no longer matches. */
    public synchronized void loseFlash() {
        flash = List.of();
        deviceSyncId = "none";
    }

    public synchronized boolean online() {
        return online;
    }

    public synchronized String checkedInKeyId() {
        return checkedIn == null ? null : checkedIn.virtualKeyId();
    }

    public synchronized boolean locked() {
        return locked;
    }

    private void tapWhileBooked(String card, boolean longHold, List<String> lines) {
        if (!checkedIn.tapCardSerialNumbers().contains(card)) {
            lines.add("The vehicle is booked with another virtual key.");
            lines.add(Led.ACCESS_DENIED.line());
        } else if (longHold) {
            lines.add(Led.ACTION_IN_PROGRESS.line());
            lines.add("Reservation end: LOCK, IGNITIONINHIBIT, CHECKOUT");
            execute(List.of("Lock", "IgnitionInhibit", "CheckOut"), checkedIn);
            lines.add(Led.CHECK_IN_OUT_COMPLETED.line());
        } else if (locked) {
            lines.add("Unlock: UNLOCK, IGNITIONENABLE");
            execute(List.of("Unlock", "IgnitionEnable"), checkedIn);
            lines.add(Led.LOCK_UNLOCK_COMPLETED.line());
        } else {
            lines.add("Lock: LOCK, IGNITIONINHIBIT");
            execute(List.of("Lock", "IgnitionInhibit"), checkedIn);
            lines.add(Led.LOCK_UNLOCK_COMPLETED.line());
        }
    }

    private void checkIn(VirtualKey key, String card, List<String> lines) {
        execute(List.of("CheckIn", "IgnitionEnable", "Unlock"), key);
        lines.add(Led.CHECK_IN_OUT_COMPLETED.line());
        outbox.add(new Notification("TapCheckInComplete", clock.millis(),
                Map.of("deviceSerialNumber", serialNumber, "tapCardSerialNumber", card, "virtualKeyId", key.virtualKeyId())));
    }

    /** Executes commands under the device's rules; called with the lock held. */
    private void execute(List<String> names, VirtualKey context) {
        boolean checkInRequested = names.contains("CheckIn");
        for (String name : names) {
            boolean allowed;
            if (context == null) {
                allowed = !name.equals("CheckIn") && !name.equals("CheckOut");
            } else if (checkedIn == null) {
                allowed = name.equals("Locate") || checkInRequested && context.validAt(clock.millis()) && pendingMatches(context);
            } else {
                allowed = name.equals("Locate") || checkedIn.virtualKeyId().equals(context.virtualKeyId());
            }
            if (allowed) {
                apply(name, context);
            }
        }
    }

    private boolean pendingMatches(VirtualKey key) {
        return pending == null || key.tapCardSerialNumbers().contains(pending.card());
    }

    private void apply(String name, VirtualKey context) {
        switch (name) {
            case "CheckIn" -> {
                checkedIn = context;
                if (pending != null) {
                    PendingCheckIn answered = pending;
                    pending = null;
                    answered.answer().complete(List.of("CheckIn approved with virtual key " + context.virtualKeyId()
                            + ": CHECKIN, UNLOCK, IGNITIONENABLE", Led.CHECK_IN_OUT_COMPLETED.line()));
                }
            }
            case "CheckOut" -> {
                outbox.add(new Notification("CheckOutComplete", clock.millis(),
                        Map.of("deviceSerialNumber", serialNumber, "virtualKeyId", checkedIn.virtualKeyId())));
                checkedIn = null;
            }
            case "Lock" -> locked = true;
            case "Unlock" -> locked = false;
            case "IgnitionEnable" -> ignitionEnabled = true;
            case "IgnitionInhibit" -> ignitionEnabled = false;
            default -> { }
        }
    }

    private void expire(PendingCheckIn asked) {
        synchronized (this) {
            if (pending != asked) {
                return;
            }
            pending = null;
        }
        asked.answer().complete(List.of("No CheckIn response within the CheckIn response timer: the device rejects the attempt.",
                Led.ACCESS_DENIED.line()));
    }

    private List<String> await(PendingCheckIn asked, Duration patience) {
        try {
            return asked.answer().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of("No answer yet; unless the integrator answers, the device rejects the attempt at "
                    + asked.deadline() + " (" + Led.ACCESS_DENIED.line() + ").");
        } catch (ExecutionException e) {
            return List.of("The CheckIn request failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("Interrupted while waiting for the integrator.");
        }
    }

    /** Sends what the device has to report, when it has a network; outside the lock. */
    private List<WebhookCourier.Delivery> deliverOutbox() {
        List<Notification> sending;
        synchronized (this) {
            if (!online || outbox.isEmpty()) {
                return List.of();
            }
            sending = List.copyOf(outbox);
            outbox.clear();
        }
        return sending.stream().map(n -> courier.notify(n.type(), n.timestamp(), n.data())).toList();
    }

    /** The key set changed at the service: a new synchronisation resource, sent at once when the device is online. */
    private void sync() {
        serviceSyncId = newSyncId();
        if (online) {
            flash = storedActive(clock.millis());
            deviceSyncId = serviceSyncId;
        }
    }

    private static String newSyncId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private List<VirtualKey> storedActive(long now) {
        return keys.values().stream().filter(k -> k.stored() && k.activeAt(now)).toList();
    }

    private static void checkTimes(VirtualKey key) {
        if (key.endingTimestamp() <= key.beginningTimestamp()) {
            throw new IllegalArgumentException("A virtual key's endingTimestamp must be after its beginningTimestamp");
        }
    }

    private VirtualKey withNewId(VirtualKey request, boolean stored) {
        return new VirtualKey(UUID.randomUUID().toString().toUpperCase(Locale.ROOT), stored, request.tapCardSerialNumbers(),
                request.userReference(), serialNumber, request.beginningTimestamp(), request.endingTimestamp(),
                request.permissions(), request.privileges(), request.endBookConditions());
    }
}
