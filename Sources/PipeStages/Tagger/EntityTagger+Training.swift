import PipeKit

extension EntityTagger {
    /// Precision, recall and F1 of whole entities (type and exact words) against gold tags.
    public struct Score: Sendable, CustomStringConvertible {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        /// `P=0.862 R=0.851 F1=0.856`.
        public var description: String {
            "P=" + Self.format(precision) + " R=" + Self.format(recall) + " F1=" + Self.format(f1)
        }

        static func format(_ value: Double) -> String {
            let thousandths = Int((value * 1000).rounded())
            return "\(thousandths / 1000)." + String("00\(thousandths % 1000)".suffix(3))
        }

        mutating func add(predicted: [EntityTag], gold: [EntityTag]) {
            let guessed = CoNLLReader.entities(of: predicted).map { "\($0.type)\($0.range)" }
            let truth = CoNLLReader.entities(of: gold).map { "\($0.type)\($0.range)" }
            let common = Set(guessed).intersection(truth).count
            truePositives += common
            falsePositives += guessed.count - common
            falseNegatives += truth.count - common
        }
    }

    /// What one epoch of training gave.
    public struct Epoch: Sendable {
        public var number: Int
        public var mistakes: Int
        public var words: Int
        /// The averaged model on the development sentences, when there are some.
        public var development: Score?
    }

    /// A random number generator that gives the same numbers for the same seed everywhere (SplitMix64).
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Trains a tagger on `training` sentences for `epochs` passes in an order shuffled by `seed`,
    /// scoring the averaged model on `development` after each pass.
    static func train(_ training: [CoNLLReader.Sentence], development: [CoNLLReader.Sentence] = [], epochs: Int,
                      seed: UInt64, bits: Int = 20, report: (Epoch) -> Void = { _ in }) -> EntityTagger {
        let features = TaggerFeatures(bits: bits)
        let trainingFeatures = training.map { features.features(of: $0.words) }
        var perceptron = AveragedPerceptron(buckets: 1 << bits, tags: EntityTag.count)
        var generator = SeededGenerator(state: seed)
        var order = Array(training.indices)
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &generator)
            var mistakes = 0, words = 0
            for sentenceIndex in order {
                let sentence = training[sentenceIndex], sentenceFeatures = trainingFeatures[sentenceIndex]
                // Tagged with the weights as they are, each mistake corrected before the next word.
                _ = features.decode(sentenceFeatures) { index, history, previous in
                    let guess = perceptron.weights.withUnsafeBufferPointer {
                        AveragedPerceptron.best($0, features: sentenceFeatures.of(index), history: history, after: previous)
                    }
                    perceptron.tick()
                    let truth = sentence.tags[index]
                    if guess != truth {
                        mistakes += 1
                        perceptron.update(truth: truth.index, guess: guess.index, features: sentenceFeatures.of(index), history: history)
                    }
                    words += 1
                    return guess
                }
            }
            var result = Epoch(number: epoch, mistakes: mistakes, words: words)
            if !development.isEmpty {
                result.development = EntityTagger(bits: bits, weights: perceptron.averaged()).score(development)
            }
            report(result)
        }
        return EntityTagger(bits: bits, weights: perceptron.averaged())
    }

    /// The tagger's entity score on gold-tagged sentences.
    func score(_ sentences: [CoNLLReader.Sentence]) -> Score {
        var score = Score()
        for sentence in sentences { score.add(predicted: tags(sentence.words), gold: sentence.tags) }
        return score
    }
}

extension EntityTagger {
    /// Trains a tagger from CoNLL-2003 files (IOB1), scoring it on `development` after every epoch.
    public static func train(conll trainingText: String, development developmentText: String?, epochs: Int, seed: UInt64,
                             bits: Int = 20, report: (Epoch) -> Void) throws -> EntityTagger {
        let training = try CoNLLReader.sentences(in: trainingText)
        let development = try developmentText.map(CoNLLReader.sentences(in:)) ?? []
        return train(training, development: development, epochs: epochs, seed: seed, bits: bits, report: report)
    }
}
