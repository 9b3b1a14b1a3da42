package dev.portier.web.csv;

/**
 * Told how far an import is, so a UI can show a progress bar. Called on the importing thread (not a
 * UI thread) every few hundred rows and once at the end of each stage.
 */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (stage, done, total) -> { };

    enum Stage {
        VALIDATING("Checking"), IMPORTING("Importing");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    void update(Stage stage, int done, int total);
}
