package dev.portier.drivers.vehicles;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.reservations.ReservationKeys;
import dev.portier.drivers.connections.ConnectionDriverListener;
import dev.portier.drivers.connections.DriverEventListener;
import dev.portier.platform.lifecycle.LifecycleListener;

/**
 * Vehicles: bookings stored as vendor keys through the vehicle's driver; what the vehicle reports moves
 * them; the online CheckIn setting handed to the driver; commands sent keep a lock from being deleted.
 */
public final class VehiclesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ReservationKeys.class).to(ReservationVendor.class);
        Multibinder<LockReferences> references = Multibinder.newSetBinder(binder(), LockReferences.class);
        references.addBinding().to(CommandsOfLock.class);
        references.addBinding().to(SettingsOfLock.class);
        Multibinder.newSetBinder(binder(), DriverEventListener.class).addBinding().to(VehicleReports.class);
        Multibinder.newSetBinder(binder(), ConnectionDriverListener.class).addBinding().to(OnlineCheckIns.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(OnlineCheckIns.class);
        Multibinder.newSetBinder(binder(), dev.portier.access.whatif.VendorLimits.class).addBinding().to(StoredKeyLimits.class);
    }
}
