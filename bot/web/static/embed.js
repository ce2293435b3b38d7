/* illbot chat launcher for a library's own web site:

     <script src="https://library.example/chat/embed.js" defer></script>

   adds a button at the bottom right that opens and closes a panel holding the chat page
   (/chat/?embed=1, or /chat/<library>/?embed=1 with data-library="sjpl" on the tag).
   Optional attributes: data-label (the button's words; by default in the language of data-lang or
   the page's <html lang>, English or Spanish), data-title (the panel's name).
   Styles are set through the CSSOM so a host page with a strict CSP can still use it. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || document.getElementById("illbot-launcher")) { return; }
  var data = script.dataset;
  var library = (data.library || "").replace(/[^A-Za-z0-9_-]/g, "");
  var chatUrl = new URL(library ? library + "/" : "./", script.src);
  chatUrl.searchParams.set("embed", "1");
  // The button speaks the host page's language (data-lang, else <html lang>) when it is one
  // the bot writes; data-label overrides it.
  var LABELS = { en: "Interlibrary loan chat", es: "Chat de préstamo interbibliotecario" };
  var lang = (data.lang || document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  var label = data.label || LABELS[lang] || LABELS.en;
  var title = data.title || label;

  function css(node, rules) {
    Object.keys(rules).forEach(function (key) { node.style.setProperty(key, rules[key]); });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.id = "illbot-launcher";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "illbot-panel");
  css(button, {
    position: "fixed", right: "1rem", bottom: "1rem", "z-index": "2147483000",
    "min-height": "3rem", padding: "0.6rem 1.1rem", "border-radius": "1.5rem",
    border: "2px solid #ffffff", background: data.colour || "#1f4e79", color: "#ffffff",
    font: "600 1rem/1.2 system-ui, sans-serif", cursor: "pointer",
    "box-shadow": "0 2px 8px rgba(0, 0, 0, 0.35)"
  });

  var panel = document.createElement("div");
  panel.id = "illbot-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  panel.hidden = true;
  css(panel, {
    position: "fixed", right: "1rem", bottom: "4.75rem", "z-index": "2147483000",
    width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 6rem))",
    background: "#ffffff", border: "1px solid #767676", "border-radius": "0.5rem",
    "box-shadow": "0 4px 16px rgba(0, 0, 0, 0.35)", overflow: "hidden"
  });

  var frame = null; // made on first open, so a page visit costs the library nothing

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = chatUrl.href;
      frame.title = title;
      css(frame, { width: "100%", height: "100%", border: "0", display: "block" });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    frame.focus();
  }

  function close() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { close(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });
  // Escape pressed inside the chat (another origin) arrives as a message from the frame.
  window.addEventListener("message", function (event) {
    if (frame && event.source === frame.contentWindow && event.origin === chatUrl.origin &&
        event.data && event.data.illbot === "close") {
      close();
    }
  });

  function mount() {
    // The button first: Tab goes from it straight into the open panel.
    document.body.appendChild(button);
    document.body.appendChild(panel);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
}());
