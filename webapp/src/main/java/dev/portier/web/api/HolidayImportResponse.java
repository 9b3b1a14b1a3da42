package dev.portier.web.api;

/** What an .ics import added: holidays the calendar already had (same name and date) are not counted. */
public record HolidayImportResponse(int imported) {
}
