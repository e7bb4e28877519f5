import ArgumentParser
import Foundation
import PipeStages

/// `pipe train ner` and `pipe train langid`: train the statistical models.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model.",
        subcommands: [TrainNERCommand.self, TrainLanguageCommand.self]
    )
}

/// `pipe train langid --texts FILE --out FILE`.
struct TrainLanguageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "langid",
        abstract: "Train the language identifier's n-gram profiles on texts of known language."
    )

    @Option(help: "JSON Lines of {\"language\": ISO 639-1 code, \"text\": …}, as Scripts/langid/catalogues.py train writes.")
    var texts: String

    @Option(help: "Where to write the profiles.")
    var out: String

    func run() async throws {
        let contents = try readTrainingFile(texts)
        var pairs: [(language: String, text: String)] = []
        for (number, line) in contents.split(separator: "\n").enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let language = object["language"] as? String, let text = object["text"] as? String else {
                Terminal.error("error: \(texts):\(number + 1): expected {\"language\": …, \"text\": …}")
                throw ExitCode(2)
            }
            pairs.append((language, text))
        }
        let profiles = LanguageProfiles.train(pairs)
        do {
            try profiles.fileText.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            Terminal.error("error: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        Terminal.error("wrote \(out): \(profiles.languages.joined(separator: " ")) (\(size / 1024) KiB)")
    }
}

/// `pipe train ner --train FILE --dev FILE --out FILE`.
struct TrainNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger on CoNLL-2003 files, printing development precision, recall and F1 per epoch."
    )

    @Option(help: "The training file (CoNLL-2003: word POS chunk tag, IOB1).")
    var train: String

    @Option(help: "A development file in the same format, scored after every epoch.")
    var dev: String?

    @Option(help: "Where to write the model.")
    var out: String

    @Option(help: "Passes over the training data.")
    var epochs = 10

    @Option(help: "The seed of the order the sentences are shuffled in.")
    var seed: UInt64 = 1

    func run() async throws {
        let trainingText = try readTrainingFile(train)
        let developmentText = try dev.map(readTrainingFile)
        let started = ContinuousClock.now
        let tagger: EntityTagger
        do {
            tagger = try EntityTagger.train(conll: trainingText, development: developmentText, epochs: epochs, seed: seed) { epoch in
                let rate = Double(epoch.mistakes) / Double(max(1, epoch.words)) * 100
                var line = "epoch \(epoch.number): training mistakes \(epoch.mistakes) of \(epoch.words) words (\((rate * 10).rounded() / 10)%)"
                if let score = epoch.development { line += "; dev \(score)" }
                Terminal.error(line)
            }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        let data = tagger.fileData()
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            Terminal.error("error: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let seconds = Double(started.duration(to: .now).components.seconds)
        Terminal.error("wrote \(out) (\(data.count / 1024) KiB) after \(Int(seconds)) s")
    }
}

/// A training file's text; a file that cannot be read stops the command with exit code 2.
func readTrainingFile(_ path: String) throws -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        Terminal.error("error: cannot read \(path): \(error.localizedDescription)")
        throw ExitCode(2)
    }
}
