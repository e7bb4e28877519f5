import PipeKit
import Testing

@Suite("DateMention")
struct DateMentionTests {
    @Test(arguments: [
        ("2024-12-08", DatePrecision.day, "2024-12-08"),
        ("2024-12-01", .month, "2024-12"),
        ("2024-01-01", .year, "2024"),
        ("2024-12-02", .week, "2024-W49"),
        ("2024-11-25", .week, "2024-W48"),
        // ISO weeks belong to the year of their Thursday.
        ("2024-12-30", .week, "2025-W01"),
        ("2020-12-28", .week, "2020-W53"),
        ("2021-01-04", .week, "2021-W01"),
    ])
    func valuesAreISO8601AtTheirPrecision(day: String, precision: DatePrecision, text: String) throws {
        let date = try #require(CalendarDate(day))
        #expect(DateMention(text: "x", value: date, precision: precision, span: nil).valueText == text)
    }
}
