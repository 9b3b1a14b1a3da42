package dev.portier.domain.holidays;

import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Told, inside the transaction, that the holidays some sites observe changed (a calendar's dates, or which
 * calendar a site observes): what a higher layer handed to vendors from grants on these sites is out of
 * date (e.g. grant sync marks them to push again). Bound with a Guice multibinder; must only write its own
 * tables with {@code h} and must not call out of the process. Throwing rolls the change back.
 */
public interface HolidayListener {

    void holidaysChanged(Handle h, String accountId, Set<String> siteIds);
}
