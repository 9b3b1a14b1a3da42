package dev.portier.platform.lifecycle;

/**
 * The HTTP server of this Portier process, as lower layers may know it: where it listens on the
 * loopback interface once started (e.g. for simulators that call Portier as a vendor's cloud would).
 * The web layer binds it to its server.
 */
public interface LocalServer {

    /** The port the server listens on; only meaningful once it has started. */
    int port();
}
