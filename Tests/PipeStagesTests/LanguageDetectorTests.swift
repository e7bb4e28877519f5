import PipeStages
import Testing

@Suite("LanguageDetector")
struct LanguageDetectorTests {
    let detector = LanguageDetector()

    @Test(arguments: [
        ("Bugün Ankara'da yapılan toplantıda bakan, müzakerelerin çok daha uzun süreceğini ve bir anlaşma olmadan bitmeyeceğini söyledi.", "tr"),
        ("Minister powiedział, że rozmowy będą trwały dłużej i nie zakończą się bez porozumienia, które jest już blisko.", "pl"),
        ("Il ministro ha detto che i colloqui sono ancora in corso e che non si concluderanno senza un accordo per la pace.", "it"),
        ("O ministro disse que as conversas não vão terminar sem um acordo e que a paz está mais perto do que nunca.", "pt"),
        ("De minister zei dat de gesprekken nog niet zijn afgelopen en dat er een akkoord voor de vrede komt.", "nl"),
        ("ΟΙ ΣΥΝΟΜΙΛΙΕΣ ΣΥΝΕΧΙΖΟΝΤΑΙ στην πρωτεύουσα", "el"),
        ("המשא ומתן נמשך בבירה", "he"),
        ("राजधानी में बातचीत जारी है", "hi"),
        ("수도에서 회담이 계속되고 있다", "ko"),
        ("首都での会談は続いている", "ja"),
        ("首都的会谈仍在继续", "zh"),
        ("مذاکرات در پایتخت ادامه دارد و گفتگوها پیش می‌رود", "fa"),
        // The twelve languages of the language check, about fifty characters each.
        ("The envoy said the talks would resume next week.", "en"),
        ("Посланник заявил, что переговоры продолжатся.", "ru"),
        ("وقال المبعوث إن المحادثات ستستأنف الأسبوع المقبل", "ar"),
        ("L'envoyé a déclaré que les pourparlers reprendront.", "fr"),
        ("Der Gesandte sagte, die Gespräche würden weitergehen.", "de"),
        ("El enviado dijo que las conversaciones seguirán pronto.", "es"),
        ("L'inviato ha detto che i colloqui riprenderanno presto.", "it"),
        ("O enviado disse que as negociações vão continuar logo.", "pt"),
        ("De gezant zei dat de gesprekken volgende week hervatten.", "nl"),
        ("Elçi, görüşmelerin gelecek hafta yeniden başlayacağını söyledi.", "tr"),
        ("Посланець заявив, що переговори триватимуть далі.", "uk"),
        ("特使表示，谈判将于下周恢复。", "zh"),
    ])
    func namesTheLanguage(text: String, language: String) {
        #expect(detector.detect(text).language == language)
    }

    /// A title and a body are judged as the two joined by a line break, whichever of them is
    /// empty, and where the scalar limit or the early decision falls in the title, at the break or
    /// in the body.
    @Test(arguments: [
        ("", "The envoy said the talks would resume next week."),
        ("Talks resume", ""),
        ("Gespräche", "Der Gesandte sagte, die Gespräche würden weitergehen."),
        ("Посланник", "The envoy said the talks would resume next week."),
        ("", ""),
    ])
    func anArticleIsJudgedAsItsTitleAndBodyJoined(title: String, body: String) {
        let long = String(repeating: body + " ", count: 40)
        for body in [body, long] {
            for limit in [1, title.unicodeScalars.count, title.unicodeScalars.count + 1, title.unicodeScalars.count + 2, 100, 4000] {
                #expect(detector.detect(title: title, body: body, limit: limit) == detector.detect(title + "\n" + body, limit: limit))
            }
        }
    }

    @Test(arguments: ["", "2024-12-08 12:00 — 42%", "   \n\n  "])
    func textWithoutLettersIsUndetermined(text: String) {
        #expect(detector.detect(text) == LanguageDetector.Result(language: "und", confidence: 0))
    }

    @Test func capitalsAndAccentsAreFoldedBeforeTheGramsAreCounted() {
        let upper = detector.detect("LES DÉLÉGUÉS ONT DIT QU'ILS SONT DANS LA CAPITALE ET QUE LE PROCESSUS EST EN COURS.")
        let lower = detector.detect("les délégués ont dit qu'ils sont dans la capitale et que le processus est en cours.")
        #expect(upper.language == "fr")
        #expect(upper == lower)
    }

    @Test func withoutProfilesLatinTextIsUndetermined() {
        let detector = LanguageDetector(profiles: nil)
        #expect(detector.detect("The envoy said the talks would resume.").language == "und")
        #expect(detector.detect("首都的会谈仍在继续").language == "zh")
    }

    @Test func shortTextsGetALowerConfidence() {
        let short = detector.detect("The talks")
        let long = detector.detect("The talks in the capital were said to be the last of the year, and they ended with a statement by the envoy.")
        #expect(short.language == "en")
        #expect(long.language == "en")
        #expect(short.confidence < long.confidence)
        #expect(long.confidence <= 1)
    }

    @Test func onlyTheFirstScalarsUpToTheLimitCount() {
        let text = "Представители встретились в столице. " + String(repeating: "The envoy said that the talks will go on. ", count: 50)
        #expect(detector.detect(text, limit: 30).language == "ru")
        #expect(detector.detect(text).language == "en")
    }

    @Test func brokenUTF8EndingsAndLoneContinuationBytesAreSafe() {
        let bytes: [UInt8] = Array("the talks and the envoy ".utf8) + [0xE2, 0x80] + [0x80, 0x80]
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(detector.detect(text).language == "en")
    }
}
