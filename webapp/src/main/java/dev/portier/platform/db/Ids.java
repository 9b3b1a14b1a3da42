package dev.portier.platform.db;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Row identifiers: time-ordered UUIDs (version 7). They are portable between SQLite and PostgreSQL,
 * say nothing about how many rows another account has, and keep index inserts close together.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static String newId() {
        return GENERATOR.generate().toString();
    }
}
