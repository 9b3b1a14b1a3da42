package dev.portier.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.sun.net.httpserver.HttpServer;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.platform.config.ConfigLoader;
import dev.portier.web.server.CoreModule;
import dev.portier.platform.lifecycle.Lifecycle;
import dev.portier.platform.config.PortierConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpModuleTest {

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", e -> {
            e.sendResponseHeaders(204, -1);
            e.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int statusWith(Map<String, String> env) throws Exception {
        PortierConfig config = ConfigLoader.fromEnvironment(env);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, Clock.systemUTC()), new OutboundHttpModule());
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        try {
            OutboundHttp http = injector.getInstance(OutboundHttp.class);
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build())
                    .statusCode();
        } finally {
            lifecycle.stop();
        }
    }

    @Test
    void theOperatorsChoiceDecidesAboutPrivateAddresses() throws Exception {
        assertThat(statusWith(Map.of("PORTIER_HTTP_ALLOW_PRIVATE", "true"))).isEqualTo(204);
        assertThatThrownBy(() -> statusWith(Map.of())).isInstanceOf(OutboundHttp.DestinationRefusedException.class);
    }
}
