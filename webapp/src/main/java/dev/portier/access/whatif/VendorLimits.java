package dev.portier.access.whatif;

import dev.portier.identity.accounts.SignedInUser;
import java.util.List;

/**
 * A port for the drivers layer: what vendors would refuse or not hold if the change's gains were applied (a vehicle
 * that stores at most four keys …), one sentence each. Bound with a Guice multibinder; called on the caller's thread
 * after the rehearsal, outside any transaction; must answer within seconds.
 */
public interface VendorLimits {

    List<String> warnings(SignedInUser who, WhatIfDiff diff);
}
