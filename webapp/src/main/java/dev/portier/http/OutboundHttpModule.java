package dev.portier.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.portier.server.PortierConfig;

/** The one guarded HTTP client that plugins get, with the operator's choice about private ranges. */
public final class OutboundHttpModule extends AbstractModule {

    @Provides
    @Singleton
    GuardedHttp guardedHttp(PortierConfig config) {
        return GuardedHttp.forOperator(config.httpAllowPrivate());
    }
}
