import { describe, expect, it } from "vitest";
import {
  formatDay,
  isLocalDate,
  isLocalDateTime,
  parseDateline,
  readDateline,
} from "../../src/archive/capture/dateline.ts";

describe("parseDateline", () => {
  it("reads the capture's dateline as a local date-time with no zone", () => {
    expect(parseDateline("Sunday, 24 May 2020 7:18 AM")).toBe("2020-05-24T07:18");
  });
  it("handles noon, midnight and PM", () => {
    expect(parseDateline("Sunday, 24 May 2020 12:05 PM")).toBe("2020-05-24T12:05");
    expect(parseDateline("Sunday, 24 May 2020 12:05 AM")).toBe("2020-05-24T00:05");
    expect(parseDateline("Sunday, 24 May 2020 7:18 PM")).toBe("2020-05-24T19:18");
  });
  it("rejects a weekday that does not match the date", () => {
    expect(parseDateline("Monday, 24 May 2020 7:18 AM")).toBeNull();
  });
  it("rejects days, months and hours that do not exist", () => {
    expect(parseDateline("Saturday, 31 June 2020 7:18 AM")).toBeNull();
    expect(parseDateline("Sunday, 24 Mai 2020 7:18 AM")).toBeNull();
    expect(parseDateline("Sunday, 24 May 2020 13:18 AM")).toBeNull();
    expect(parseDateline("24 May 2020")).toBeNull();
  });
  it("says what is wrong with a line laid out like a dateline", () => {
    expect(readDateline("Monday, 31 February 2020 7:18 AM")).toEqual({
      fault: "31 February 2020 is not a day of the calendar",
    });
    expect(readDateline("Monday, 24 May 2020 7:18 AM")).toEqual({
      fault: "24 May 2020 was a Sunday, not a Monday",
    });
    expect(readDateline("Sunday, 24 Mai 2020 7:18 AM")).toEqual({
      fault: '"Mai" is not the name of a month',
    });
    for (const time of ["13:18 PM", "0:18 AM", "7:60 AM"]) {
      expect(readDateline(`Sunday, 24 May 2020 ${time}`)).toEqual({
        fault: `${time} is not a time of a 12-hour clock`,
      });
    }
    expect(readDateline("Posted on 24 May 2020")).toBeNull();
  });
  it("reads a year before 100 as that year, and says the archive takes none before 1000", () => {
    expect(readDateline("Sunday, 24 May 0020 7:18 AM")).toEqual({
      fault: "its year, 0020, is before 1000, the earliest the archive takes in a dateline",
    });
    expect(readDateline("Thursday, 29 February 0020 7:18 AM")).toEqual({
      fault: "its year, 0020, is before 1000, the earliest the archive takes in a dateline",
    });
    expect(readDateline("Friday, 29 February 0019 7:18 AM")).toEqual({
      fault: "29 February 0019 is not a day of the calendar",
    });
    expect(readDateline("Monday, 24 May 1000 7:18 AM")).toEqual({
      fault: "24 May 1000 was a Saturday, not a Monday",
    });
    expect(parseDateline("Saturday, 24 May 1000 7:18 AM")).toBe("1000-05-24T07:18");
  });
});

describe("local dates", () => {
  it("accepts real local date-times and dates only", () => {
    expect(isLocalDateTime("2020-05-24T07:18")).toBe(true);
    expect(isLocalDateTime("2020-05-24T07:18Z")).toBe(false);
    expect(isLocalDateTime("2020-02-30T07:18")).toBe(false);
    expect(isLocalDateTime("2020-05-24T24:00")).toBe(false);
    expect(isLocalDate("2026-11-25")).toBe(true);
    expect(isLocalDate("2026-13-01")).toBe(false);
    // Years 0-99 are those years, not 1900-1999.
    expect(isLocalDate("0020-02-29")).toBe(true);
    expect(isLocalDate("0019-02-29")).toBe(false);
    expect(isLocalDateTime("0100-02-29T07:18")).toBe(false);
  });
  it("formats a day without any time zone", () => {
    expect(formatDay("2020-05-24T07:18")).toBe("24 May 2020");
    expect(formatDay("2026-11-25")).toBe("25 November 2026");
  });
});
