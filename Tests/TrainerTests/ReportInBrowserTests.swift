import Foundation
import Testing
@testable import trainer

/// Every example config's report.html, opened in a real browser: headless Chromium (Debian package
/// `chromium`; `.ci/run` installs it). `ExampleConfigsTests` trains each config once, for 3 epochs
/// (enough for an epoch slider with 4 positions), into `.build/report-screenshots/<config>/`, and
/// calls `check(config:in:)` on it when Chromium is installed.
///
/// How: a copy of the report.html, `check.html`, gets two small
/// scripts: one at the top of the head that records every script error (`window.onerror`), and one
/// at the end of the body that, once the page's own script has run, moves every epoch slider to
/// its first position, compares the frames drawn before and after (the regions' polygons, the
/// templates' images), and writes what it saw as JSON into a `<pre id="browser-check">`.
/// `chromium --headless --dump-dom` prints the page after it loaded, so the test reads the result
/// from the DOM: no remote-debugging protocol, no WebSocket client, nothing but a subprocess.
/// Screenshots 1400 and 420 pixels wide (the first taken by the same launch, of the checked copy
/// with its sliders back at the end) stay in that folder for a person to look at; the test prints
/// where.
///
/// Without Chromium the test is skipped and says so (a student's `swift test` needs only the Swift
/// toolchain); on CI (`CI=true`) a missing Chromium is a failure.
@Suite("report.html in a real browser — no script errors, the epoch slider moves the regions")
struct ReportInBrowserTests {
    /// The Chromium executable on PATH, if any.
    static let chromium: URL? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static let onCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The desktop screenshot's height: long enough for the example reports at 1400 pixels.
    static let desktopHeight = 10_000

    /// Where the reports and screenshots stay.
    static let folder = TrainerHarness.packageRoot.appendingPathComponent(".build/report-screenshots")

    @Test("chromium is installed, so the example reports are checked in it (on CI it must be)",
          .enabled(if: onCI || chromium != nil, "chromium is not installed (apt-get install -y chromium): the reports are not opened in a browser"))
    func installed() {
        #expect(Self.chromium != nil, "chromium is not on PATH: install it with `apt-get install -y chromium` (.ci/run does)")
    }

    /// Opens the trained report of `config` in `out` (where it was written) in `chromium`: it must
    /// load without script errors, each of its epoch sliders must change what is drawn, and laid out
    /// 420 pixels wide (a phone) nothing outside a scrolling box may reach past 420 (wide tables and charts scroll in
    /// their own box); screenshots at 1400 and 420 pixels stay beside it.
    static func check(config: String, in out: URL, chromium: URL) throws {
        let report = out.appendingPathComponent("report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        let check = out.appendingPathComponent("check.html")
        try instrumented(html).write(to: check, atomically: true, encoding: .utf8)

        // One launch checks the page and takes the desktop screenshot (of the checked copy, whose
        // sliders are back at the end and whose result is hidden); a second checks the width at 420.
        let desktop = out.appendingPathComponent("\(config)-1400.png"), narrow = out.appendingPathComponent("\(config)-420.png")
        for shot in [desktop, narrow] { try? FileManager.default.removeItem(at: shot) }
        let dom = try run(chromium, ["--window-size=1400,\(Self.desktopHeight)", "--hide-scrollbars", "--screenshot=\(desktop.path)",
                                          "--dump-dom", check.absoluteString])
        let found = try #require(result(inDOM: dom), "\(config): no browser-check result in the page; chromium said:\n\(dom.suffix(2000))")
        #expect(found.errors.isEmpty, "\(config): script errors \(found.errors)")
        let hasSlider = html.contains("class=\"epoch-slider\"")
        #expect(found.sliders.isEmpty != hasSlider, "\(config): \(found.sliders.count) sliders seen")
        for slider in found.sliders {
            #expect(!slider.hidden, "\(config): the page's script shows the slider")
            #expect(slider.before != slider.after && !slider.before.isEmpty,
                    "\(config), section '\(slider.section)': moving the slider to epoch 0 changed nothing drawn")
            #expect(slider.label == "epoch 0", "\(config): the slider's label follows it")
        }
        // A page is about 1.4 times as long at 420 pixels as at 1400.
        let narrowHeight = min(max(found.height * 3 / 2, 2000), 16_000)
        let narrowDOM = try run(chromium, ["--window-size=420,\(narrowHeight)", "--hide-scrollbars", "--screenshot=\(narrow.path)",
                                           "--dump-dom", check.absoluteString])
        let atNarrow = try #require(result(inDOM: narrowDOM), "\(config): no browser-check result at 420 pixels")
        #expect(atNarrow.pageWidth <= atNarrow.viewWidth,
                "\(config): laid out \(atNarrow.viewWidth) pixels wide, the page reaches \(atNarrow.pageWidth), so it scrolls sideways")
        for shot in [desktop, narrow] {
            #expect(FileManager.default.fileExists(atPath: shot.path), "\(config): no screenshot \(shot.lastPathComponent)")
        }
        print("report-in-browser: \(config): screenshots in \(out.path)")
    }

    /// What the page's check script saw.
    struct CheckResult {
        struct Slider {
            var section: String
            var hidden: Bool
            var before: String
            var after: String
            var label: String
        }
        var errors: [String]
        var sliders: [Slider]
        var height: Int
        /// How wide the page is (`scrollWidth`) and how wide the window shows it.
        var pageWidth: Int
        var viewWidth: Int
    }

    /// The report with the error recorder first in its head and the checker last in its body.
    static func instrumented(_ html: String) -> String {
        let recorder = """
            <script>window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });</script>
            """
        let checker = """
            <script>
            document.addEventListener('DOMContentLoaded', function () {
              var out = { errors: window.__errors, sliders: [], height: 0 };
              function drawn(section) {
                return Array.prototype.filter.call(section.querySelectorAll('.frame'), function (frame) {
                  return getComputedStyle(frame).display !== 'none';
                }).map(function (frame) {
                  var shapes = frame.querySelectorAll('path, image');
                  return frame.getAttribute('data-epoch') + ':' + Array.prototype.map.call(shapes, function (shape) {
                    return shape.getAttribute('d') || shape.getAttribute('href').length;
                  }).join(';');
                }).join('|');
              }
              try {
                document.querySelectorAll('.epoch-slider').forEach(function (slider) {
                  var section = slider.closest('section');
                  var input = slider.querySelector('input');
                  var before = drawn(section);
                  input.value = 0;
                  input.dispatchEvent(new Event('input'));
                  out.sliders.push({ section: section.querySelector('h2').textContent, hidden: slider.hidden, before: before,
                                     after: drawn(section), label: slider.querySelector('output').textContent });
                  input.value = input.max;
                  input.dispatchEvent(new Event('input'));
                });
              } catch (e) { out.errors.push('check: ' + e.message); }
              out.height = document.documentElement.scrollHeight;
              // In the narrow launch the page is laid out 420 pixels wide (headless Chromium's
              // window is at least 500), and the widest right edge of anything outside a
              // scrolling box must stay within it.
              var narrow = window.innerWidth < 800;
              if (narrow) { document.documentElement.style.width = '420px'; }
              var widest = 0;
              document.querySelectorAll('body *').forEach(function (element) {
                var box = element.parentElement && element.parentElement.closest('.scroll');
                if (box) { return; }
                var rect = element.getBoundingClientRect();
                if (rect.width > 0) { widest = Math.max(widest, rect.right); }
              });
              out.pageWidth = Math.ceil(Math.max(widest, document.documentElement.scrollWidth > window.innerWidth ? document.documentElement.scrollWidth : 0));
              out.viewWidth = narrow ? 420 : window.innerWidth;
              var pre = document.createElement('pre');
              pre.id = 'browser-check';
              pre.textContent = JSON.stringify(out);
              pre.style.display = 'none';
              document.body.appendChild(pre);
            });
            </script>
            """
        return html.replacingOccurrences(of: "<head>\n", with: "<head>\n" + recorder + "\n")
            .replacingOccurrences(of: "</body>", with: checker + "\n</body>")
    }

    /// The check's JSON from the dumped DOM, or nil when the checker never ran.
    static func result(inDOM dom: String) -> CheckResult? {
        guard let tag = dom.range(of: "<pre id=\"browser-check\""), let start = dom.range(of: ">", range: tag.upperBound..<dom.endIndex),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else { return nil }
        let text = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        let sliders = (object["sliders"] as? [[String: Any]] ?? []).map { slider in
            CheckResult.Slider(section: slider["section"] as? String ?? "", hidden: slider["hidden"] as? Bool ?? true,
                               before: slider["before"] as? String ?? "", after: slider["after"] as? String ?? "",
                               label: slider["label"] as? String ?? "")
        }
        return CheckResult(errors: object["errors"] as? [String] ?? ["no error list"], sliders: sliders, height: object["height"] as? Int ?? 0,
                           pageWidth: object["pageWidth"] as? Int ?? Int.max, viewWidth: object["viewWidth"] as? Int ?? 0)
    }

    /// What a reader thread collects from a pipe.
    final class OutputBox: @unchecked Sendable {
        var data = Data()
    }

    /// Runs headless Chromium with `arguments` and returns what it printed on stdout; stops it after
    /// 120 seconds.
    static func run(_ chromium: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = chromium
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("report-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0), read = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let box = OutputBox()
        DispatchQueue.global().async {
            box.data = output.fileHandleForReading.readDataToEndOfFile()
            read.signal()
        }
        try process.run()
        if finished.wait(timeout: .now() + 120) == .timedOut {
            process.terminate()
            Issue.record("chromium \(arguments.joined(separator: " ")) did not finish in 120 s")
        }
        read.wait()
        let data = box.data
        return String(decoding: data, as: UTF8.self)
    }
}
