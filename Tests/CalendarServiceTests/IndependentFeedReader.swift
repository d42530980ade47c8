import Foundation
import Processes
import Testing

/// Python's `icalendar` and `python-dateutil` read a feed the service served: a reader that shares no code with it.
enum IndependentFeedReader {
    struct Event: Decodable {
        let uid: String
        let summary: String
        let description: String
        let status: String
        let sequence: Int
        let dtstart: String
        let tzid: String?
        let utcoffset: Double
        let recurrence_id: String?
        let rrule: String?
        let occurrences: [String]?
    }

    struct Report: Decodable {
        let calname: String
        let timezones: [String]
        let events: [Event]
    }

    static let installHint =
        "python3 with icalendar and python-dateutil is required: scripts/test installs them (pip install icalendar python-dateutil)"

    /// Reads `feed`, expanding each RRULE (with RDATE and EXDATE) over `[from, to)`, given as `YYYYMMDDTHHMMSSZ`.
    static func read(_ feed: String, from: String, to: String) async throws -> Report {
        let folder = FileManager.default.temporaryDirectory
        let input = folder.appendingPathComponent("linli-feed-\(UUID().uuidString).ics").path
        let output = folder.appendingPathComponent("linli-feed-\(UUID().uuidString).json").path
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        try Data(feed.utf8).write(to: URL(fileURLWithPath: input))
        let (status, messages) = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, input, from, to, output])
        try #require(status != 127 && status != 3, "\(installHint)\n\(messages)")
        try #require(status == 0, "the independent reader failed (status \(status)):\n\(messages)")
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }

    private static let script = #"""
        import sys, json
        try:
            import icalendar
            from dateutil.rrule import rrulestr, rruleset
        except ImportError as error:
            print("MISSING: %s" % error)
            sys.exit(3)
        from datetime import datetime, timezone

        path, start, end, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
        def utc(text):
            return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        def local(moment):
            return moment.strftime("%Y%m%dT%H%M%S")
        low, high = utc(start), utc(end)
        with open(path, "rb") as feed:
            raw = feed.read()
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, "a line longer than 75 octets: %r" % line
        calendar = icalendar.Calendar.from_ical(raw)
        report = {"calname": str(calendar.get("X-WR-CALNAME")), "events": [],
                  "timezones": [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]}
        for event in calendar.walk("VEVENT"):
            dtstart = event.decoded("DTSTART")
            entry = {
                "uid": str(event["UID"]), "summary": str(event.get("SUMMARY")),
                "description": str(event.get("DESCRIPTION", "")), "status": str(event.get("STATUS")),
                "sequence": int(event.get("SEQUENCE", 0)), "dtstart": local(dtstart),
                "tzid": event["DTSTART"].params.get("TZID"), "utcoffset": dtstart.utcoffset().total_seconds(),
            }
            if "RECURRENCE-ID" in event:
                entry["recurrence_id"] = local(event.decoded("RECURRENCE-ID"))
            if "RRULE" in event:
                rule = event["RRULE"].to_ical().decode()
                entry["rrule"] = rule
                rules = rruleset()
                rules.rrule(rrulestr(rule, dtstart=dtstart))
                for name, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
                    values = event.get(name)
                    if values is None:
                        continue
                    for value in values if isinstance(values, list) else [values]:
                        for moment in value.dts:
                            add(moment.dt)
                entry["occurrences"] = [local(moment) for moment in rules.between(low, high, inc=True) if moment < high]
            report["events"].append(entry)
        with open(out, "w") as result:
            json.dump(report, result, ensure_ascii=False)
        """#
}
