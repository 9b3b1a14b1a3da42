package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.plugins.reference.LockSimulator;
import java.time.Clock;
import java.util.Base64;

/** Enrols a lock as an installer would: the simulated lock makes its identity key, Portier gets the public half. */
final class TrustFixtures {

    private TrustFixtures() {
    }

    /** Enrols {@code lockId} through the trust API and answers the simulated lock, trusting the issuer key Portier named. */
    static LockSimulator enrol(ApiClient manager, String lockId, Clock clock) {
        byte[] identity = LockSimulator.newIdentityKey();
        ObjectNode enrol = ApiClient.object().put("lockId", lockId);
        enrol.putObject("inputs").put("publicKey", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(LockSimulator.publicKeyOf(identity)));
        Answer enrolled = manager.post("/api/v1/trust/lock-enrolments", enrol);
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        byte[] issuer = Base64.getUrlDecoder().decode(enrolled.json().get("issuerKey").asText());
        return LockSimulator.withKey(lockId, identity, issuer, clock);
    }
}
