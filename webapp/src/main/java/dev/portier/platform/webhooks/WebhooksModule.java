package dev.portier.platform.webhooks;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.portier.platform.lifecycle.LifecycleListener;

/** Webhook endpoints, the outbox and its delivery worker (needs the guarded HTTP client: install after OutboundHttpModule). */
public final class WebhooksModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), LifecycleListener.class).addBinding().to(WebhookDeliveryWorker.class);
    }
}
