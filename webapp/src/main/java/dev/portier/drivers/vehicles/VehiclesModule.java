package dev.portier.drivers.vehicles;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.domain.locks.LockReferences;
import dev.portier.domain.reservations.ReservationKeys;

/** Vehicles: bookings stored as vendor keys through the vehicle's driver; commands sent keep a lock from being deleted. */
public final class VehiclesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ReservationKeys.class).to(ReservationVendor.class);
        Multibinder.newSetBinder(binder(), LockReferences.class).addBinding().to(CommandsOfLock.class);
    }
}
