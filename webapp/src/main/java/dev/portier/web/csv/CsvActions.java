package dev.portier.web.csv;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.portier.identity.security.CurrentUser;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The CSV toolbar of a list page: "Import CSV" (people and cards; shown to MANAGERs and OWNERs) and
 * an "Export CSV" download link (everyone who sees the page). A page adds it with one line, e.g.
 * {@code toolbar.add(new CsvActions(CsvKind.PEOPLE, this::refresh))}.
 */
public final class CsvActions extends HorizontalLayout {

    final Button importButton;
    final Anchor exportLink;

    /** Takes the CSV services from the UI's instantiator (Guice), so pages need not inject them. */
    public CsvActions(CsvKind kind, Runnable onImported) {
        this(Instantiator.get(UI.getCurrent()).getOrCreate(CsvImportService.class),
                Instantiator.get(UI.getCurrent()).getOrCreate(CsvExportService.class), CurrentUser.require(), kind, onImported);
    }

    CsvActions(CsvImportService importer, CsvExportService exporter, SignedInUser me, CsvKind kind, Runnable onImported) {
        setAlignItems(FlexComponent.Alignment.CENTER);
        importButton = new Button("Import CSV", VaadinIcon.UPLOAD.create(),
                e -> new CsvImportDialog(importer, me, kind, onImported).open());
        importButton.setVisible(kind.importable() && importer.mayImport(me));
        exportLink = new Anchor(download(exporter, kind), AttachmentType.DOWNLOAD, "Export CSV");
        add(importButton, exportLink);
    }

    /**
     * Streams the export for whoever is signed in to the session when the link is clicked (they may
     * have switched accounts since the page was built).
     */
    private static DownloadHandler download(CsvExportService exporter, CsvKind kind) {
        return event -> {
            SignedInUser who = signedIn(event);
            if (who == null) {
                event.getResponse().sendError(403, "Sign in first");
                return;
            }
            try {
                String fileName = exporter.fileName(who, kind);
                event.setFileName(fileName);
                event.setContentType("text/csv; charset=UTF-8");
                try (OutputStream out = event.getOutputStream()) {
                    exporter.export(who, kind, out);
                }
            } catch (ForbiddenException e) {
                event.getResponse().sendError(403, e.getMessage());
            }
        };
    }

    private static SignedInUser signedIn(DownloadEvent event) {
        VaadinSession session = event.getSession();
        session.lock();
        try {
            return session.getAttribute(SignedInUser.class);
        } finally {
            session.unlock();
        }
    }
}
