package dev.portier.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvActionsTest {

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;
    UI ui;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        owner = services.setUpOwner();
        // The download link registers its handler with the current UI (held weakly: keep a reference).
        ui = new UI();
        UI.setCurrent(ui);
    }

    @AfterEach
    void stop() {
        UI.setCurrent(null);
        services.close();
    }

    @Test
    void managersSeeImportAndExportViewersOnlyExportAndGrantsAreExportOnly() {
        Member vic = services.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic",
                Role.VIEWER, "viewer password 1"));
        SignedInUser viewer = new SignedInUser(vic.userId(), vic.email(), vic.displayName(), owner.accountId());

        CsvActions forOwner = actions(owner, CsvKind.PEOPLE);
        assertThat(forOwner.importButton.isVisible()).isTrue();
        assertThat(forOwner.exportLink.getText()).isEqualTo("Export CSV");
        assertThat(forOwner.exportLink.getElement().hasAttribute("download")).isTrue();

        assertThat(actions(viewer, CsvKind.CARDS).importButton.isVisible()).isFalse();
        assertThat(actions(viewer, CsvKind.CARDS).exportLink.isVisible()).isTrue();
        assertThat(actions(owner, CsvKind.GRANTS).importButton.isVisible()).isFalse();
    }

    @Test
    void theImportDialogNamesTheColumnsAndWaitsForAFile() {
        CsvImportDialog dialog = new CsvImportDialog(services.get(CsvImportService.class), owner, CsvKind.CARDS, () -> { });
        assertThat(dialog.getHeaderTitle()).isEqualTo("Import cards from CSV");
        assertThat(dialog.upload.isVisible()).isTrue();
        assertThat(dialog.progress.isVisible()).isFalse();
        assertThat(dialog.errors.isVisible()).isFalse();
    }

    private CsvActions actions(SignedInUser who, CsvKind kind) {
        return new CsvActions(services.get(CsvImportService.class), services.get(CsvExportService.class), who, kind, () -> { });
    }
}
