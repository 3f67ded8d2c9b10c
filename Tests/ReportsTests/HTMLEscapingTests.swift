import Testing
import Reports

@Suite("Markup escaping")
struct HTMLEscapingTests {
    @Test("a run named <svm & co> is escaped")
    func escapes() {
        #expect("<svm & co>".escapedForMarkup == "&lt;svm &amp; co&gt;")
        #expect("it's \"fine\"".escapedForMarkup == "it&#39;s &quot;fine&quot;")
    }
}
