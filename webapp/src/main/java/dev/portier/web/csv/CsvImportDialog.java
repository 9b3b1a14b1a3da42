package dev.portier.web.csv;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.streams.InMemoryUploadCallback;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.web.ui.FormErrors;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a CSV file of people or cards: pick or drop a file, watch the progress bar while rows are
 * checked and inserted, then either a notification with the count, or a grid of every bad row (the
 * file imported nothing) and a fresh upload for the corrected file. The import runs on a thread of
 * its own, so a big file does not freeze the page; the page polls for progress meanwhile.
 */
public final class CsvImportDialog extends Dialog {

    private static final Logger log = LoggerFactory.getLogger(CsvImportDialog.class);
    private static final int POLL_MS = 400;

    private final transient CsvImportService importer;
    private final SignedInUser me;
    private final CsvKind kind;
    private final Runnable onImported;

    final Upload upload;
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final Grid<RowError> errors = new Grid<>();
    private final Button close = new Button("Close", e -> close());

    public CsvImportDialog(CsvImportService importer, SignedInUser me, CsvKind kind, Runnable onImported) {
        if (!kind.importable()) {
            throw new IllegalArgumentException(kind.plural() + " cannot be imported");
        }
        this.importer = importer;
        this.me = me;
        this.kind = kind;
        this.onImported = onImported;
        setHeaderTitle("Import " + kind.plural() + " from CSV");
        setWidth("min(56rem, 95vw)");

        Paragraph help = new Paragraph("A UTF-8 CSV file with a header row naming the columns " + String.join(", ", kind.columns())
                + ", separated by commas or semicolons. If any row has a problem, nothing is imported and every problem is listed.");

        upload = new Upload(new LimitedInMemoryUpload((metadata, bytes) -> start(metadata, bytes)));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(CsvTable.MAX_BYTES);
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.addFileRejectedListener(e -> FormErrors.error(e.getErrorMessage()));

        progress.setVisible(false);
        status.setVisible(false);
        errors.addColumn(RowError::where).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(e -> e.column() == null ? "" : e.column()).setHeader("Column").setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(RowError::message).setHeader("Problem").setFlexGrow(1);
        errors.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        errors.setHeight("18rem");
        errors.setVisible(false);

        add(help, upload, progress, status, errors);
        getFooter().add(close);
    }

    /** Runs on the UI thread once the file is in memory (Vaadin calls the upload callback through UI.access). */
    private void start(UploadMetadata metadata, byte[] bytes) {
        UI ui = UI.getCurrent();
        errors.setVisible(false);
        progress.setVisible(true);
        progress.setIndeterminate(true);
        status.setVisible(true);
        status.setText("Reading " + metadata.fileName() + " …");
        setRunning(true);
        ui.setPollInterval(POLL_MS);
        Thread.ofVirtual().name("csv-import").start(() -> {
            ImportResult result;
            try {
                result = importer.importFile(me, kind, metadata.fileName(), new ByteArrayInputStream(bytes),
                        (stage, done, total) -> access(ui, () -> showProgress(stage, done, total)));
            } catch (ForbiddenException e) {
                result = ImportResult.rejected(List.of(RowError.ofFile(e.getMessage())));
            } catch (Exception e) {
                log.error("Importing {} from {} failed", kind.plural(), metadata.fileName(), e);
                result = ImportResult.rejected(List.of(RowError.ofFile("The import failed: " + e.getMessage())));
            }
            ImportResult outcome = result;
            access(ui, () -> {
                ui.setPollInterval(-1);
                finish(outcome);
            });
        });
    }

    private void showProgress(ImportProgress.Stage stage, int done, int total) {
        progress.setIndeterminate(false);
        progress.setValue(total == 0 ? 1 : (double) done / total);
        status.setText(String.format("%s: %,d of %,d rows", stage.label(), done, total));
    }

    private void finish(ImportResult result) {
        setRunning(false);
        progress.setVisible(false);
        upload.clearFileList();
        if (result.succeeded()) {
            FormErrors.success("Imported " + kind.count(result.imported()));
            close();
            onImported.run();
            return;
        }
        long badRows = result.errors().stream().map(RowError::line).collect(Collectors.toSet()).size();
        status.setText("Nothing was imported. " + problems(result.errors().size()) + (badRows > 1 ? " on " + badRows + " lines" : "")
                + ": fix the file and upload it again.");
        errors.setItems(result.errors());
        errors.setVisible(true);
    }

    private void setRunning(boolean running) {
        upload.setVisible(!running);
        close.setEnabled(!running);
        setCloseOnEsc(!running);
        setCloseOnOutsideClick(!running);
    }

    private static String problems(int n) {
        return n == 1 ? "1 problem" : String.format("%,d problems", n);
    }

    /** The user may have left the page meanwhile; then there is nothing to show. */
    private static void access(UI ui, Command command) {
        try {
            ui.access(command);
        } catch (UIDetachedException e) {
            log.debug("Import finished after its page was closed");
        }
    }

    /** Keeps files over the import limit out of memory on the server too, not only in the browser. */
    private static final class LimitedInMemoryUpload extends InMemoryUploadHandler {
        LimitedInMemoryUpload(InMemoryUploadCallback callback) {
            super(callback);
        }

        @Override
        public long getFileSizeMax() {
            return CsvTable.MAX_BYTES;
        }
    }
}
