import Logging

/// A log handler that hides the values of `${NAME}` references in messages and escapes their
/// control and bidi characters (``DisplayText``), then hands the message to the handler it wraps.
struct RedactingLogHandler: LogHandler {
    var base: any LogHandler
    let redaction: Redaction

    /// The logger with its handler wrapped.
    static func wrapping(_ logger: Logger, redaction: Redaction) -> Logger {
        var wrapped = logger
        wrapped.handler = RedactingLogHandler(base: logger.handler, redaction: redaction)
        return wrapped
    }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: DisplayText.escaped(redaction.apply(to: event.message.description)))
        base.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }
}
