extension PublishedDate {
    /// The months by their English names and abbreviations, lowercased.
    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        var months: [String: Int] = ["sept": 9]
        for (index, name) in names.enumerated() {
            months[name] = index + 1
            months[String(name.prefix(3))] = index + 1
        }
        return months
    }()

    static let weekdays: Set<String> = {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return Set(names + names.map { String($0.prefix(3)) })
    }()

    /// The North American zone abbreviations RFC 2822 allows, in seconds east of UTC.
    static let zoneNames: [String: Int] = [
        "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
    ]

    /// `[Weekday,] D Month YYYY` or `[Weekday,] Month D, YYYY`, then optionally a time
    /// (`14:03`, `14:03:00`, `2:03 PM`) and an offset or zone (`+0300`, `GMT`, `EST`).
    static func words(_ text: String, in zone: InputTimeZone) -> PublishedDate? {
        var tokens = text.split { $0 == " " || $0 == "," || $0 == "\t" }.map { token in
            token.hasSuffix(".") ? token.dropLast().lowercased() : token.lowercased()
        }
        if let first = tokens.first, weekdays.contains(first) { tokens.removeFirst() }
        guard tokens.count >= 3, let year = number(Array(tokens[2].utf8)[...]), tokens[2].count == 4 else { return nil }
        let (dayToken, monthToken) = months[tokens[0]] == nil ? (tokens[0], tokens[1]) : (tokens[1], tokens[0])
        guard let month = months[monthToken], let day = dayNumber(dayToken),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        var rest = tokens.dropFirst(3)
        guard let timeToken = rest.popFirst() else { return PublishedDate(date: date) }
        guard var time = clockTime(timeToken) else { return nil }
        if let meridiem = rest.first, meridiem == "am" || meridiem == "pm" {
            rest.removeFirst()
            guard (1...12).contains(time.hour) else { return nil }
            time.hour = time.hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        var offset: Int?
        if let zoneToken = rest.popFirst() {
            guard let written = InputTimeZone.offset(zoneToken.uppercased()) ?? zoneNames[zoneToken] else { return nil }
            offset = written
        }
        guard rest.isEmpty else { return nil }
        return at(date, time, offset: offset, in: zone)
    }

    /// `8`, `08` or `8th`.
    private static func dayNumber(_ token: String) -> Int? {
        let digits = token.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count), ["", "st", "nd", "rd", "th"].contains(String(token.dropFirst(digits.count))) else {
            return nil
        }
        return Int(digits)
    }

    /// `HH:MM` or `HH:MM:SS`.
    private static func clockTime(_ token: String) -> (hour: Int, minute: Int, second: Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) }),
              let hour = number(Array(parts[0].utf8)[...]), let minute = number(Array(parts[1].utf8)[...]) else { return nil }
        let second = parts.count == 3 ? number(Array(parts[2].utf8)[...]) : 0
        return second.map { (hour, minute, $0) }
    }
}
