import Foundation
import PipeKit
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client for a LibreTranslate-compatible service: `POST /translate` with `q`, `source`,
/// `target` (and `api_key` when given), answering `{"translatedText": "…"}`.
///
/// Each request has a timeout; a timeout, a network error, a 429 or a 5xx answer is tried again
/// after a backoff (0.2 s, doubling), up to `retries` more times; a 4xx answer or a reply that is
/// not that JSON fails at once. At most `maxRequests` requests are in flight at a time, and
/// translations are cached by a hash of the language pair and the text.
public struct HTTPTranslator: Translator {
    /// `http`.
    public let name = "http"
    let endpoint: URL
    let apiKey: String?
    let timeout: Duration
    let retries: Int
    private let limiter: RequestLimiter
    private let cache = TranslationCache()

    /// A client for the service at `url` (its `/translate`).
    public init(url: URL, apiKey: String? = nil, timeout: Duration = .seconds(10), retries: Int = 2, maxRequests: Int = 4) {
        endpoint = url.path.hasSuffix("/translate") ? url : url.appendingPathComponent("translate")
        self.apiKey = apiKey
        self.timeout = timeout
        self.retries = retries
        limiter = RequestLimiter(slots: max(1, maxRequests))
    }

    /// Translates title and body, each in a request of its own (or from the cache).
    public func translate(title: String, body: String, from source: String, to target: String) async throws
        -> (title: String, body: String) {
        let translatedTitle = title.isEmpty ? title : try await translate(title, from: source, to: target)
        return (translatedTitle, try await translate(body, from: source, to: target))
    }

    func translate(_ text: String, from source: String, to target: String) async throws -> String {
        var key = StableHash()
        key.add(source)
        key.add(target)
        key.add(text)
        if let cached = cache[key.hex] { return cached }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var payload = ["q": text, "source": source, "target": target, "format": "text"]
        if let apiKey { payload["api_key"] = apiKey }
        request.httpBody = try JSONEncoder().encode(payload)
        var problem = ""
        for attempt in 0...retries {
            if attempt > 0 { try await Task.sleep(for: .milliseconds(200 << min(attempt - 1, 5))) }
            await limiter.acquire()
            let outcome: Result<(Data, URLResponse), any Error>
            do {
                outcome = .success(try await URLSession.shared.data(for: request))
            } catch {
                outcome = .failure(error)
            }
            await limiter.release()
            switch outcome {
            case .failure(let error):
                problem = "no answer (\(error.localizedDescription))"
                continue
            case .success(let (data, response)):
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 429 || status >= 500 {
                    problem = "it answered \(status)"
                    continue
                }
                guard status == 200 else {
                    throw PipeError(.stageFailed, "the translation service at \(endpoint.absoluteString) refused the text: \(status) \(Self.preview(data))",
                                    hint: "check `url`, `api_key` and the language pair")
                }
                guard let reply = try? JSONDecoder().decode(Reply.self, from: data) else {
                    throw PipeError(.stageFailed, "the translation service at \(endpoint.absoluteString) answered something that is not `{\"translatedText\": …}`: \(Self.preview(data))")
                }
                cache[key.hex] = reply.translatedText
                return reply.translatedText
            }
        }
        throw PipeError(.stageFailed, "the translation service at \(endpoint.absoluteString) failed \(retries + 1) times: \(problem)",
                        hint: "check that it runs, or raise `timeout` or `retries`")
    }

    private struct Reply: Decodable {
        var translatedText: String
    }

    static func preview(_ data: Data) -> String {
        let text = String(decoding: data.prefix(120), as: UTF8.self)
        return "`\(text)`" + (data.count > 120 ? "…" : "")
    }
}

/// At most a number of requests at a time; the others wait their turn.
actor RequestLimiter {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) {
        available = slots
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Translations by a hash of language pair and text, at most `limit` of them (emptied when full).
final class TranslationCache: Sendable {
    private let entries = Mutex<[String: String]>([:])
    let limit = 10_000

    subscript(key: String) -> String? {
        get { entries.withLock { $0[key] } }
        set {
            entries.withLock { entries in
                if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
                entries[key] = newValue
            }
        }
    }
}
