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
        var spec = InputSpec(path: options.path ?? "", format: options.format,
                             location: pathNode.map { context.location(of: $0) }, maxRecordSize: options.maxRecordSize,
                             fields: options.fields, timeZone: options.timezone)
        if let override { spec.paths = override }
        if options.format.readsFiles {
            if options.path == nil, override == nil {
                context.reportMissing("path", of: InputOptions.self, owner: "`input`", at: entry.value)
                return nil
            }
            for key in InputOptions.queueKeys {
                guard let node = entry.value[key] else { continue }
                context.report(.invalidValue, "option `\(key)` of `input` is for `format: postgres`", hint: "remove it", at: node)
            }
        } else {
            if override != nil {
                context.report(.invalidValue, "`--input` replaces `input.path`, and `format: \(options.format.rawValue)` reads a table",
                               hint: "run without `--input`", at: entry.value["format"] ?? entry.value)
            }
            spec.paths = []
            spec.queue = readQueue(options, in: entry.value, context: &context)
        }
        checkFormatOptions(options, in: entry.value, spec: &spec, context: &context)
        return spec
    }

    /// Reads the options of an input that is a queue (`format: postgres`), checking that this
    /// `pipe` has a connector for it.
    private func readQueue(_ options: InputOptions, in node: Node, context: inout LoadContext) -> QueueInput? {
        if registry.connector(for: options.format) == nil {
            context.report(.invalidValue, "this `pipe` was built without a connector for `format: \(options.format.rawValue)`",
                           hint: "use the `pipe` Pipe builds, which has it, or register one with `StageRegistry.connect(_:)`",
                           at: node["format"] ?? node)
        }
        if let path = node["path"] {
            context.report(.invalidValue, "`format: \(options.format.rawValue)` reads a table, not `path`",
                           hint: "remove `path`; name the table with `table:`", at: path)
        }
        for (key, value) in [("url", options.url), ("table", options.table)] where value == nil {
            context.reportMissing(key, of: InputOptions.self, owner: "`input` with `format: \(options.format.rawValue)`", at: node)
        }
        if !(1...10_000).contains(options.batch), let batch = node["batch"] {
            context.report(.invalidValue, "option `batch` of `input` expects 1 to 10000 articles, got \(options.batch)",
                           hint: "claim a few hundred at a time: `batch: 200`", at: batch)
        }
        if options.lease < .seconds(1), let lease = node["lease"] {
            context.report(.invalidValue, "option `lease` of `input` expects at least 1s, got \(DurationText.format(options.lease))",
                           hint: "a lease is renewed a few times within its length: `lease: 30s`", at: lease)
        }
        guard let url = options.url, let text = options.table else { return nil }
        do {
            return QueueInput(url: url, table: try TableName(text), lease: options.lease, batch: options.batch)
        } catch let error as PipeError {
            context.report(.invalidValue, error.message, hint: error.hint, at: node["table"] ?? node)
            return nil
        } catch {
            return nil
        }
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
