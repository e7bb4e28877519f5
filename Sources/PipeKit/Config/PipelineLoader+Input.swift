import Yams

extension PipelineLoader {
    /// Reads `input:`: its options, and the ones only some formats take.
    func readInput(
        _ entry: (key: Node, value: Node)?, root: Node, override: [String]?, context: inout LoadContext
    ) -> InputSpec? {
        guard let entry else {
            context.report(.missingKey, "missing `input`",
                           hint: "add `input:` with `path:` and `format:` (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                           at: root)
            return nil
        }
        guard entry.value.mapping != nil else {
            context.report(.invalidValue, "`input` expects a mapping with `path` and `format`", at: entry.value)
            return nil
        }
        guard let options = context.decode(InputOptions.self, from: entry.value, owner: "`input`",
                                           supplied: override == nil ? [] : ["path"]) else { return nil }
        // A path given with `--input` has no place in the file.
        let pathNode = override == nil ? entry.value["path"] : nil
        var spec = InputSpec(path: options.path, format: options.format,
                             location: pathNode.map { context.location(of: $0) }, maxRecordSize: options.maxRecordSize,
                             fields: options.fields, timeZone: options.timezone)
        if let override { spec.paths = override }
        checkFormatOptions(options, in: entry.value, spec: &spec, context: &context)
        return spec
    }

    /// Checks the options that only some formats take, and sets them on `spec`.
    private func checkFormatOptions(_ options: InputOptions, in node: Node, spec: inout InputSpec, context: inout LoadContext) {
        if let delimiter = options.delimiter, let node = node["delimiter"] {
            let byte = delimiter.utf8.first ?? 0
            if delimiter.utf8.count != 1 || [0x22, 0x0A, 0x0D].contains(byte) {
                context.report(.invalidValue, "option `delimiter` of `input` expects one character other than a quote or a "
                               + "line break, got `\(delimiter)`", hint: "write `delimiter: \";\"`, for example", at: node)
            } else if options.format != .csv {
                context.report(.invalidValue, "option `delimiter` of `input` is for `format: csv`",
                               hint: "remove it; `tsv` always uses a tab", at: node)
            }
            spec.delimiter = byte
        }
        if options.format == .tsv { spec.delimiter = 0x09 }
        if !options.fields.sources.isEmpty, !options.format.isObjectFormat, let node = node["fields"] {
            let formats = InputFormat.allCases.filter(\.isObjectFormat).map(\.rawValue).joined(separator: ", ")
            context.report(.invalidValue, "option `fields` of `input` is for the formats of objects, \(formats)",
                           hint: "remove it; `\(options.format.rawValue)` has no keys to map", at: node)
        }
        if let records = options.records, let node = node["records"] {
            if options.format != .json {
                context.report(.invalidValue, "option `records` of `input` is for `format: json`", hint: "remove it", at: node)
            }
            spec.recordsPath = records.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
        if !["utf-8", "utf8"].contains(options.encoding.lowercased()) {
            if !IconvSource.knows(options.encoding), let node = node["encoding"] {
                context.report(.invalidValue, "iconv does not know the encoding `\(options.encoding)`",
                               hint: "`iconv -l` lists the ones it knows; `windows-1252` and `ISO-8859-1` are common", at: node)
            }
            if options.format.isWebFormat, let node = node["encoding"] {
                context.report(.invalidValue, "option `encoding` of `input` is not for `format: \(options.format.rawValue)`: "
                               + "pages and feeds say their own charset", hint: "remove it; the charset is read from the HTTP "
                               + "header, `<meta charset>`, the XML declaration or a byte order mark", at: node)
            }
            spec.encoding = options.encoding
        }
    }
}
