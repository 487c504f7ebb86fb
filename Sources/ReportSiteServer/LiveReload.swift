import Foundation

/// The script `reportsite serve` adds to every HTML page it serves (never to the files on
/// disk): it listens to the server's events (server-sent events, ``LiveReload/eventsPath``),
/// reloads the page after a rebuild, and shows a build's errors over the page until the next
/// good build.
public enum LiveReload {
    /// Where the events are served.
    public static let eventsPath = "/__reportsite/events"

    /// The element that marks the snippet, for tests and for finding it in a page.
    public static let marker = "<!-- reportsite serve: live reload -->"

    /// `html` with the snippet before its last `</body>` (or at its end).
    public static func inject(into html: String) -> String {
        if let range = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: snippet)
        }
        return html + snippet
    }

    /// The snippet: a script, and the overlay's style.
    public static let snippet = """
        \(marker)
        <script>
        (function () {
          var overlay = null;
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function show(text) {
            hide();
            overlay = document.createElement("div");
            overlay.setAttribute("role", "alert");
            overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2em";
            var title = document.createElement("p");
            title.style.cssText = "font-weight:bold;color:#ff8080;margin:0 0 1em";
            title.textContent = "构建失败（上次成功的版本仍在提供）· Build failed; the last good site is still served";
            var pre = document.createElement("pre");
            pre.style.cssText = "white-space:pre-wrap;margin:0";
            pre.textContent = text;
            var close = document.createElement("button");
            close.textContent = "×";
            close.setAttribute("aria-label", "close");
            close.style.cssText = "position:absolute;top:1em;right:1em;font-size:1.5em;background:none;color:#fff;border:0;cursor:pointer";
            close.onclick = hide;
            overlay.appendChild(close);
            overlay.appendChild(title);
            overlay.appendChild(pre);
            document.body.appendChild(overlay);
          }
          if (!window.EventSource) return;
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("build-error", function (event) { show(JSON.parse(event.data)); });
          events.addEventListener("build-ok", hide);
        })();
        </script>

        """

    /// One server-sent event: `event: <name>` and the data as a JSON string on one line.
    public static func event(_ name: String, data: String) -> String {
        let encoded = (try? JSONEncoder().encode(data)).flatMap { String(data: $0, encoding: .utf8) } ?? "\"\""
        return "event: \(name)\ndata: \(encoded)\n\n"
    }
}
