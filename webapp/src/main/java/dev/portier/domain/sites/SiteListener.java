package dev.portier.domain.sites;

import org.jdbi.v3.core.Handle;

/**
 * Told, inside the transaction, that a site's time zone changed: schedules of grants on it now run on another
 * wall clock, so what a higher layer handed to vendors from them is out of date. Bound with a Guice multibinder;
 * must only write its own tables with {@code h} and must not call out of the process.
 */
public interface SiteListener {

    void timeZoneChanged(Handle h, String accountId, String siteId);
}
