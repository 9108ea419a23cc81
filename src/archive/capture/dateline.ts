/**
 * Datelines as Press TV prints them ("Sunday, 24 May 2020 7:18 AM") and the
 * machine form we derive from them. The capture gives no time zone, so the
 * machine form is a local date-time ("2020-05-24T07:18") and never claims one.
 */

/**
 * The language of every dateline the layout reads, whatever the article's:
 * its weekday and month names are English.
 */
export const DATELINE_LANGUAGE = "en";

/** English month names, as datelines print them. */
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

const DATELINE =
  /^(?<weekday>[A-Z][a-z]+), (?<day>\d{1,2}) (?<month>[A-Z][a-z]+) (?<year>\d{4}) (?<hour>\d{1,2}):(?<minute>\d{2}) (?<meridiem>AM|PM)$/;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * The earliest year a dateline may give. A year before it is what a slip of
 * the keys makes of a news page's year ("0020" for "2020"), and the archive
 * takes it for none.
 */
export const EARLIEST_YEAR = 1000;

/**
 * Midnight UTC of year-month-day, the year as it is (Date.UTC takes 0-99 for
 * 1900-1999); a day past its month's end runs into the next, as Date.UTC's.
 */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

/** True when year-month-day names a real calendar day. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = utcDay(year, month, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Weekday name of a calendar day (computed in UTC, so no zone leaks in). */
function weekdayOf(year: number, month: number, day: number): string {
  return WEEKDAYS[utcDay(year, month, day).getUTCDay()] ?? "";
}

/** "2020-05-24T07:18" style local date-time, checked to be a real moment. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return isCalendarDay(y, mo, d) && h < 24 && mi < 60;
}

/** "2026-11-25" style calendar date, checked to be a real day. */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  return isCalendarDay(y, mo, d);
}

/**
 * Reads a printed dateline: its local date-time, or what is wrong with a line
 * laid out like a dateline that names no real moment (a 31 February, a
 * weekday the date did not fall on, 13:05 PM) or a year before
 * `EARLIEST_YEAR`; null for any other text.
 */
export function readDateline(text: string): { published: string } | { fault: string } | null {
  const g = DATELINE.exec(text)?.groups;
  if (!g) return null;
  const month = MONTHS.indexOf(g.month as (typeof MONTHS)[number]) + 1;
  const year = Number(g.year);
  const day = Number(g.day);
  const hour12 = Number(g.hour);
  const minute = Number(g.minute);
  if (month === 0) return { fault: `"${g.month}" is not the name of a month` };
  if (hour12 < 1 || hour12 > 12 || minute > 59) {
    return { fault: `${g.hour}:${g.minute} ${g.meridiem} is not a time of a 12-hour clock` };
  }
  const date = `${day} ${g.month} ${g.year}`;
  if (!isCalendarDay(year, month, day)) return { fault: `${date} is not a day of the calendar` };
  if (year < EARLIEST_YEAR) {
    return {
      fault: `its year, ${g.year}, is before ${EARLIEST_YEAR}, the earliest the archive takes in a dateline`,
    };
  }
  const weekday = weekdayOf(year, month, day);
  if (weekday !== g.weekday) return { fault: `${date} was a ${weekday}, not a ${g.weekday}` };
  const hour = (hour12 % 12) + (g.meridiem === "PM" ? 12 : 0);
  return { published: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}` };
}

/**
 * Reads a printed dateline into its local date-time, or returns null when the
 * text is not a dateline of that form or names a day that does not exist
 * (including a weekday that does not match the date).
 */
export function parseDateline(text: string): string | null {
  const read = readDateline(text);
  return read && "published" in read ? read.published : null;
}

/** The calendar date part ("2020-05-24") of a local date-time. */
export function datePart(localDateTime: string): string {
  return localDateTime.slice(0, 10);
}

/** "24 May 2020" from "2020-05-24…", for lists; no zone is involved. */
export function formatDay(localDate: string): string {
  const [y, m, d] = localDate.slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
