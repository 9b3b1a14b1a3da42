package dev.portier.plugin.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Capability {@link Capability#SANDBOX}: things a newcomer can try on a connection in sandbox mode
 * (tap a simulated card, scan a lock's sticker, take a simulated vehicle offline …) without vendor
 * hardware. The host renders each action as a small form on its Sandbox page (inputs declared as data,
 * like {@link ConfigProperty}), runs it on a worker with a time limit, and shows the transcript.
 * Drivers that are not in sandbox mode answer an empty list.
 */
public interface SandboxActions {

    /** The actions this connection offers now; empty when it is not in sandbox mode. May block briefly. */
    List<SandboxAction> sandboxActions();

    /**
     * Runs one action. May block (it usually talks HTTP to the plugin's simulator or to Portier).
     * Bad inputs are a failed outcome whose transcript says what is wrong, never an exception.
     */
    SandboxOutcome run(SandboxRun run);

    /**
     * @param id          stable id, e.g. {@code "tap-card"}
     * @param label       the button's text, e.g. "Tap a card"
     * @param description one or two sentences of what happens
     * @param inputs      the form's fields
     */
    record SandboxAction(String id, String label, String description, List<SandboxInput> inputs) {
        public SandboxAction {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }
    }

    /** What an input asks for: free text, one of the connection's locks (value = lock id), or one of {@code choices}. */
    enum InputKind {
        TEXT, LOCK, CHOICE
    }

    /** One field of an action's form. Immutable. */
    record SandboxInput(String name, String label, InputKind kind, List<String> choices, String defaultValue) {
        public SandboxInput {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public static SandboxInput text(String name, String label, String defaultValue) {
            return new SandboxInput(name, label, InputKind.TEXT, List.of(), defaultValue);
        }

        public static SandboxInput lock(String name, String label) {
            return new SandboxInput(name, label, InputKind.LOCK, List.of(), null);
        }

        public static SandboxInput choice(String name, String label, List<String> choices) {
            return new SandboxInput(name, label, InputKind.CHOICE, choices, choices.isEmpty() ? null : choices.getFirst());
        }
    }

    /**
     * @param actionId       which action
     * @param inputs         the values typed or chosen, by input name
     * @param portierBaseUrl where this Portier answers HTTP (loopback), for simulators that call Portier as
     *                       the vendor's cloud would, e.g. {@code http://127.0.0.1:8080}
     */
    record SandboxRun(String actionId, Map<String, String> inputs, URI portierBaseUrl) {
        public SandboxRun {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }
    }

    /**
     * @param succeeded  whether the action did what it set out to (a refused check-in is still a success of the
     *                   action; a simulator that cannot be reached is not)
     * @param transcript what happened, line by line, in plain words (requests, answers, LED colours …)
     */
    record SandboxOutcome(boolean succeeded, List<String> transcript) {
        public SandboxOutcome {
            transcript = transcript == null ? List.of() : List.copyOf(transcript);
        }
    }
}
