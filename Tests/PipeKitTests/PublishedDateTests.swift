import PipeKit
import Testing

@Suite("PublishedDate")
struct PublishedDateTests {
    @Test(arguments: [
        ("2024-12-08", "UTC", "2024-12-08", nil),
        ("2017-04-05T08:00:00Z", "UTC", "2017-04-05", "2017-04-05T08:00:00Z"),
        ("2017-04-05T08:00:00.123456Z", "UTC", "2017-04-05", "2017-04-05T08:00:00Z"),
        // The day as published, in its own offset; the instant in UTC.
        ("2017-04-05T01:30:00+03:00", "UTC", "2017-04-05", "2017-04-04T22:30:00Z"),
        ("2017-04-05 23:30-0500", "UTC", "2017-04-05", "2017-04-06T04:30:00Z"),
        ("2017-04-05t08:00z", "UTC", "2017-04-05", "2017-04-05T08:00:00Z"),
        // Without an offset: read in `input.timezone`.
        ("2017-04-05T08:00:00", "UTC", "2017-04-05", "2017-04-05T08:00:00Z"),
        ("2017-04-05T08:00:00", "+03:00", "2017-04-05", "2017-04-05T05:00:00Z"),
        ("2024-07-01T12:00", "Europe/Berlin", "2024-07-01", "2024-07-01T10:00:00Z"),
        ("2024-01-15T12:00", "Europe/Berlin", "2024-01-15", "2024-01-15T11:00:00Z"),
        ("Sun, 08 Dec 2024 14:03:00 +0300", "UTC", "2024-12-08", "2024-12-08T11:03:00Z"),
        ("Sun, 8 Dec 2024 02:03:00 GMT", "UTC", "2024-12-08", "2024-12-08T02:03:00Z"),
        ("Mon, 09 Dec 2024 01:00 EST", "UTC", "2024-12-09", "2024-12-09T06:00:00Z"),
        ("December 8, 2024", "UTC", "2024-12-08", nil),
        ("8 December 2024", "UTC", "2024-12-08", nil),
        ("Sunday, Dec. 8, 2024", "UTC", "2024-12-08", nil),
        ("8th December 2024", "UTC", "2024-12-08", nil),
        ("December 8, 2024 2:03 PM", "UTC", "2024-12-08", "2024-12-08T14:03:00Z"),
        ("1733666580", "UTC", "2024-12-08", "2024-12-08T14:03:00Z"),
        ("1733666580", "+10:00", "2024-12-09", "2024-12-08T14:03:00Z"),
        ("1733666580.75", "UTC", "2024-12-08", "2024-12-08T14:03:00Z"),
        ("0", "UTC", "1970-01-01", "1970-01-01T00:00:00Z"),
        ("20241208", "UTC", "2024-12-08", nil),
        ("  2024-02-29 ", "UTC", "2024-02-29", nil),
    ] as [(String, String, String, String?)])
    func readsTheFormatsNewsComesWith(text: String, zone: String, date: String, instant: String?) throws {
        let timeZone = try #require(InputTimeZone(zone))
        let parsed = try #require(PublishedDate.parse(text, in: timeZone))
        #expect(parsed.date.description == date)
        #expect(parsed.instant?.description == instant)
    }

    @Test(arguments: [
        "", "yesterday", "2023-02-29", "2024-13-01", "2024-12-08T25:00:00Z", "2024-12-08T10:00:00+25:00",
        "2024-12-08T10:00:00 nowhere", "December 32, 2024", "Smarch 8, 2024", "8 December 24", "December 8, 2024 14:03 +03:00 extra",
        "1.2.3", "99999999999999", "2024-12-08T10", "13:00 PM December 8, 2024", "December 8, 2024 13:00 PM",
    ])
    func refusesWhatNamesNoDay(text: String) {
        #expect(PublishedDate.parse(text) == nil)
    }

    @Test(arguments: ["UTC", "Z", "+03:00", "-0500", "+05", "Europe/Berlin", "America/New_York"])
    func readsTimeZones(text: String) {
        #expect(InputTimeZone(text)?.description == text)
    }

    @Test(arguments: ["Mars/Olympus", "+3", "+03:00:00", "+19:00", "CEST", ""])
    func refusesUnknownTimeZones(text: String) {
        #expect(InputTimeZone(text) == nil)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func timestampsAreWrittenInRFC3339(seconds: Int64, text: String) {
        #expect(Timestamp(seconds: seconds).description == text)
    }
}
