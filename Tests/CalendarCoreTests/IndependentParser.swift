import Foundation
import Testing

/// Python's `icalendar` and `python-dateutil`, run on a feed file: an independent reader of what the writer wrote.
enum IndependentParser {
    /// What the Python side reports for one VEVENT.
    struct Event: Decodable {
        let uid: String
        let summary: String
        let description: String
        let status: String
        let dtstart: String
        let utcoffset: Double
        let recurrence_id: String?
        let rrule: String?
        let occurrences: [String]?
    }

    struct Report: Decodable {
        let calname: String
        let events: [Event]
    }

    static let installHint = "python3 with the icalendar package is required for this test: run `pip install icalendar`"

    /// Parses the feed at `path` and expands every RRULE with dateutil over `[from, to)`, both given as `YYYYMMDDTHHMMSSZ`.
    static func parse(path: String, from: String, to: String) throws -> Report {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, from, to]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            Issue.record("cannot start python3 (\(error)). \(installHint)")
            throw error
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationStatus
        try #require(status != 127 && status != 3, "\(installHint)\n\(String(decoding: data, as: UTF8.self))\(messages)")
        try #require(status == 0, "the independent parser failed (status \(status)):\n\(messages)")
        return try JSONDecoder().decode(Report.self, from: data)
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

        path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
        def utc(text):
            return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        def local(moment):
            return moment.strftime("%Y%m%dT%H%M%S")
        low, high = utc(start), utc(end)
        with open(path, "rb") as feed:
            calendar = icalendar.Calendar.from_ical(feed.read())
        report = {"calname": str(calendar.get("X-WR-CALNAME")), "events": []}
        for event in calendar.walk("VEVENT"):
            dtstart = event.decoded("DTSTART")
            entry = {
                "uid": str(event["UID"]), "summary": str(event.get("SUMMARY")),
                "description": str(event.get("DESCRIPTION", "")), "status": str(event.get("STATUS")),
                "dtstart": local(dtstart), "utcoffset": dtstart.utcoffset().total_seconds(),
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
        print(json.dumps(report, ensure_ascii=False))
        """#
}
