package dev.portier.platform.lifecycle;

/**
 * Something that starts after the injector is built and stops before the JVM exits. Listeners start
 * in the order their modules bind them and stop in reverse; constructors never do work of this kind.
 */
public interface LifecycleListener {

    void start() throws Exception;

    default void stop() throws Exception {
    }
}
