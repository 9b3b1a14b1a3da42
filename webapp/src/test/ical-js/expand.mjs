// Reads an iCalendar file with Mozilla's ical.js and prints every occurrence that starts before a given
// instant, as JSON [[startEpochSeconds, endEpochSeconds], ...]. Time zones come only from the file's
// VTIMEZONE components, so the expansion depends on nothing of Portier's or the JVM's.
// Usage: node expand.mjs FILE.ics END_EPOCH_SECONDS
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, endArg] = process.argv.slice(2);
const end = Number(endArg);
const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
if (root.name !== 'vcalendar') {
  throw new Error('not a VCALENDAR: ' + root.name);
}
for (const zone of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(zone);
}
const occurrences = [];
const problems = [];
for (const component of root.getAllSubcomponents('vevent')) {
  for (const required of ['uid', 'dtstamp', 'dtstart']) {
    if (!component.hasProperty(required)) {
      problems.push('VEVENT without ' + required.toUpperCase());
    }
  }
  const tzid = component.getFirstProperty('dtstart').getParameter('tzid');
  if (tzid && !ICAL.TimezoneService.has(tzid)) {
    problems.push('TZID ' + tzid + ' has no VTIMEZONE in the file');
  }
  const event = new ICAL.Event(component);
  if (!event.isRecurring()) {
    occurrences.push([event.startDate.toUnixTime(), event.endDate.toUnixTime()]);
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.toUnixTime() >= end) {
      break;
    }
    occurrences.push([details.startDate.toUnixTime(), details.endDate.toUnixTime()]);
  }
}
process.stdout.write(JSON.stringify({ problems, occurrences }));
