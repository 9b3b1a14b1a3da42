package dev.portier.identity.security;

import com.google.inject.Singleton;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which HTTP sessions each user has open, so a password change can end the others. */
@Singleton
public final class SessionRegistry implements HttpSessionListener {

    private static final String USER_ATTRIBUTE = SessionRegistry.class.getName() + ".userId";

    private final Map<String, Set<HttpSession>> sessionsByUser = new ConcurrentHashMap<>();

    public void register(String userId, HttpSession session) {
        session.setAttribute(USER_ATTRIBUTE, userId);
        sessionsByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Invalidates every session of {@code userId} except {@code keep}; answers how many ended. */
    public int endOtherSessions(String userId, HttpSession keep) {
        Set<HttpSession> sessions = sessionsByUser.getOrDefault(userId, Set.of());
        int ended = 0;
        for (HttpSession session : Set.copyOf(sessions)) {
            if (session.equals(keep) || (keep != null && session.getId().equals(keep.getId()))) {
                continue;
            }
            sessions.remove(session);
            try {
                session.invalidate();
                ended++;
            } catch (IllegalStateException alreadyInvalid) {
                // ended meanwhile: nothing left to do
            }
        }
        return ended;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        Object userId = session.getAttribute(USER_ATTRIBUTE);
        if (userId instanceof String id) {
            Set<HttpSession> sessions = sessionsByUser.get(id);
            if (sessions != null) {
                sessions.remove(session);
            }
        }
    }
}
