/* illbot patron web chat: sign-in, the conversation, open requests, live replies.
   Hand-written, no build step, no framework. Every text from the server is put in the page
   with textContent, never as HTML; data comes from the body's data- attributes (the CSP
   allows no inline script). */
(function () {
  "use strict";

  var body = document.body;
  var config = body.dataset;
  var API = config.api || "/chat/api";
  var LANG = document.documentElement.lang || "";
  // The words this script writes itself come from the page, in the page's language
  // (bot/web/language.py CHAT_STRINGS); a missing one shows its key, never English from here.
  var STRINGS = (function () {
    var node = document.getElementById("chat-strings");
    try { return (node && JSON.parse(node.textContent)) || {}; } catch (e) { return {}; }
  }());

  // One of the page's words, its %(name)s placeholders filled in.
  function t(key, values) {
    var text = typeof STRINGS[key] === "string" ? STRINGS[key] : key;
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // The library's colours, through the CSSOM (allowed by the CSP, unlike a style attribute).
  function applyColours() {
    var hex = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
    var pairs = [["primary", "--primary"], ["onPrimary", "--on-primary"], ["accent", "--accent"]];
    pairs.forEach(function (pair) {
      var value = config[pair[0]];
      if (value && hex.test(value)) {
        document.documentElement.style.setProperty(pair[1], value);
      }
    });
  }

  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) {
      return c.indexOf(name + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function clientId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") { return c.randomUUID(); }
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) { c.getRandomValues(bytes); } else {
      for (var i = 0; i < 16; i++) { bytes[i] = Math.floor(Math.random() * 256); }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  // One JSON call; resolves to {status, data}; a network failure is status 0 with a sentence.
  function call(method, path, payload) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": config.csrf || cookie("illbot_csrf") }
    };
    if (LANG) { options.headers["Accept-Language"] = LANG; } // the server answers in the page's language
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    return fetch(API + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data || {} };
      });
    }, function () {
      return { status: 0, data: { error: t("unreachable") } };
    });
  }

  function problem(result) {
    return (result.data && typeof result.data.error === "string" && result.data.error) ||
      (result.status === 401 ? t("signed_out") : t("unreachable"));
  }

  function showError(node, text) {
    node.textContent = text || "";
    node.hidden = !text;
  }

  // ---- sign-in ----------------------------------------------------------------------------

  function signedIn() {
    try { sessionStorage.setItem("illbot-focus", "message"); } catch (e) { /* private mode */ }
    window.location.reload();
  }

  function markInvalid(input, invalid) {
    if (invalid) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
  }

  function required(inputs, error, sentence) {
    var empty = inputs.filter(function (input) { return !input.value.trim(); });
    inputs.forEach(function (input) { markInvalid(input, empty.indexOf(input) >= 0); });
    if (empty.length) {
      showError(error, sentence);
      empty[0].focus();
    }
    return empty.length === 0;
  }

  // A sign-in form sends one request at a time: a second Enter while waiting does nothing.
  function onSubmit(form, handler) {
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }
      var pending = handler();
      if (!pending) { return; }
      busy = true;
      form.setAttribute("aria-busy", "true");
      pending.then(function () {
        busy = false;
        form.removeAttribute("aria-busy");
      });
    });
  }

  function wireSignIn() {
    var error = $("sign-in-error");
    var cardForm = $("card-form");
    var emailForm = $("email-form");
    var codeForm = $("code-form");
    function answered(result, focus) {
      if (result.status === 200 && result.data.ok) { signedIn(); return; }
      showError(error, problem(result));
      focus.focus();
    }
    if (cardForm) {
      onSubmit(cardForm, function () {
        var card = $("card"), pin = $("pin");
        if (!required([card, pin], error, t("need_card"))) { return null; }
        showError(error, "");
        var body = { card: card.value.trim(), pin: pin.value, library: config.library };
        return call("POST", "/sign-in", body).then(function (r) {
          pin.value = "";
          answered(r, card);
        });
      });
    }
    if (emailForm && codeForm) {
      onSubmit(emailForm, function () {
        var email = $("email");
        if (!required([email], error, t("need_email"))) { return null; }
        showError(error, "");
        return call("POST", "/code", { email: email.value.trim(), library: config.library }).then(function (r) {
          if (r.status !== 200) { showError(error, problem(r)); email.focus(); return; }
          $("sent-to").textContent = r.data.sent_to ? t("sent_to", { address: r.data.sent_to }) : "";
          emailForm.hidden = true;
          codeForm.hidden = false;
          $("code").setAttribute("aria-describedby", "code-sent code-hint");
          $("code").focus();
        });
      });
      onSubmit(codeForm, function () {
        var code = $("code");
        code.value = code.value.replace(/\s+/g, "");
        if (!/^[0-9]{6}$/.test(code.value)) {
          markInvalid(code, true);
          showError(error, t("need_code"));
          code.focus();
          return null;
        }
        markInvalid(code, false);
        showError(error, "");
        var body = { email: $("email").value.trim(), code: code.value, library: config.library };
        return call("POST", "/code/verify", body).then(function (r) { answered(r, code); });
      });
      $("other-email").addEventListener("click", function () {
        codeForm.hidden = true;
        emailForm.hidden = false;
        showError(error, "");
        $("email").focus();
      });
    }
  }

  // ---- the conversation ---------------------------------------------------------------------

  var transcript, live, box, lastId = 0, seen = {}, sentTexts = [], queue = Promise.resolve();
  var afterButton = false; // the last line was sent by a button: move focus to the reply's answers

  function time(iso) {
    var node = el("time", "when");
    var date = iso ? new Date(iso) : new Date();
    if (!isNaN(date.getTime())) {
      node.dateTime = date.toISOString();
      node.textContent = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    }
    return node;
  }

  function announce(texts) {
    if (!texts.length) { return; }
    live.textContent = "";
    // A fresh node after a clear is what screen readers reliably read in a polite region.
    window.setTimeout(function () {
      texts.forEach(function (text) { live.appendChild(el("p", null, text)); });
    }, 50);
  }

  function line(kind, text, at) {
    var item = el("li", "msg msg-" + kind);
    var who = t({ patron: "you", reply: "library", notice: "notice" }[kind] || "library");
    var head = el("p", "who");
    head.appendChild(el("span", "who-name", who));
    head.appendChild(time(at));
    item.appendChild(head);
    item.appendChild(el("div", "text", text));
    transcript.appendChild(item);
    return item;
  }

  // The newest line in view: inside the transcript where it scrolls on its own (wide
  // screens), else by scrolling the page so that the line and the message box both show.
  function scrollTo(item) {
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var behavior = still ? "auto" : "smooth";
    if (transcript.scrollHeight > transcript.clientHeight + 1) {
      transcript.scrollTo({ top: transcript.scrollHeight, behavior: behavior });
    } else if (item.scrollIntoView) {
      item.scrollIntoView({ block: "nearest", behavior: behavior });
    }
  }

  // A new reply answers the conversation: the buttons of earlier questions no longer apply.
  function retireAnswers(except) {
    var focusLost = false;
    Array.prototype.forEach.call(transcript.querySelectorAll(".answers"), function (group) {
      if (except && except.contains(group)) { return; }
      if (group.contains(document.activeElement)) { focusLost = true; }
      group.parentNode.removeChild(group);
    });
    if (focusLost) { box.focus(); }
  }

  function render(message) {
    if (!message || seen[message.id]) { return null; }
    seen[message.id] = true;
    lastId = Math.max(lastId, message.id || 0);
    var kind = message.kind || "reply";
    if (kind === "patron") {
      var mine = sentTexts.indexOf(message.text);
      if (mine >= 0) { sentTexts.splice(mine, 1); return null; } // already on screen
    }
    var item = line(kind, message.text || "", message.at);
    if (kind === "reply") { retireAnswers(item); }
    var answers = message.answers || [];
    if (answers.length || message.form) {
      var group = el("div", "answers");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("answers"));
      answers.forEach(function (answer) {
        var button = el("button", "answer", answer.label);
        button.type = "button";
        button.addEventListener("click", function () {
          afterButton = true;
          send(answer.says, answer.label);
        });
        group.appendChild(button);
      });
      if (message.form) {
        var edit = el("button", "answer quiet", t("edit"));
        edit.type = "button";
        edit.setAttribute("aria-expanded", "false");
        edit.addEventListener("click", function () { openEditForm(item, message.form, edit); });
        group.appendChild(edit);
      }
      item.appendChild(group);
    }
    scrollTo(item);
    return item;
  }

  function renderAll(messages, announceIt) {
    var shown = [];
    (messages || []).forEach(function (message) {
      var item = render(message);
      if (item) { shown.push(message); }
    });
    if (!announceIt) { return; } // the history shown at load is not read out
    announce(shown.map(function (m) { return t(m.kind === "notice" ? "said_notice" : "said_library", { text: m.text }); }));
    // A staff action's notice may change a request: show the list as it is now.
    if (shown.some(function (m) { return m.kind === "notice"; })) { refreshRequests(); }
  }

  // After a button press the reply's own answers take the focus (else the message box does).
  function focusAnswers() {
    if (!afterButton) { return; }
    afterButton = false;
    var first = transcript.querySelector(".answers .answer");
    (first || box).focus();
  }

  function failed(item, result, retry) {
    item.classList.add("failed");
    if (result.status === 401) { signedOutNow(problem(result)); return; }
    var note = el("p", "error");
    note.setAttribute("role", "alert");
    note.textContent = problem(result);
    item.appendChild(note);
    var again = el("button", "quiet", t("try_again"));
    again.type = "button";
    again.addEventListener("click", function () {
      item.removeChild(note);
      item.removeChild(again);
      item.classList.remove("failed");
      retry();
    });
    item.appendChild(again);
  }

  // Lines go to the server one at a time, in order; a retry reuses the id so it counts once.
  function post(item, path, payload, done) {
    queue = queue.then(function () {
      item.classList.add("pending");
      return call("POST", path, payload).then(function (result) {
        item.classList.remove("pending");
        if (result.status === 200) {
          renderAll(result.data.messages, true);
          if (result.data.language && LANG && result.data.language !== LANG) {
            // "English please": the whole page comes back in that language, history and all.
            try { sessionStorage.setItem("illbot-focus", "message"); } catch (e) { /* private mode */ }
            window.location.reload();
            return;
          }
          focusAnswers();
          if (result.data.requests) { renderRequests(result.data.requests); }
          if (done) { done(result); }
        } else if (done && result.status === 400 && result.data.errors) {
          done(result);
        } else {
          afterButton = false;
          failed(item, result, function () { post(item, path, payload, done); });
        }
      });
    }).catch(function (error) {
      // A page bug must not stop every later line from being sent.
      if (window.console) { window.console.error(error); }
    });
  }

  function send(text, shownAs) {
    text = (text || "").trim();
    if (!text) { return; }
    sentTexts.push(text);
    var item = line("patron", shownAs || text);
    scrollTo(item);
    post(item, "/messages", { id: clientId(), text: text });
  }

  // ---- the confirm card's Edit form ---------------------------------------------------------

  var FIELDS = ["title", "author", "format", "edition", "chapter", "pages", "copies", "need_by", "max_cost"];
  var formCount = 0;

  function openEditForm(item, values, opener) {
    var existing = item.querySelector(".edit-form");
    if (existing) { existing.querySelector("input, select").focus(); return; }
    var form = $("edit-form-template").content.firstElementChild.cloneNode(true);
    var prefix = "edit-" + (++formCount) + "-";
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      var label = form.querySelector("[data-field='" + name + "'] label");
      input.id = prefix + name;
      label.htmlFor = input.id;
      var value = values[name];
      if (value === null || value === undefined) { return; }
      value = String(value);
      if (name === "format" && !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) {
        input.appendChild(el("option", null, value)).value = value;
      }
      input.value = name === "need_by" ? value.slice(0, 10) : value;
    });
    function close() {
      form.parentNode.removeChild(form);
      opener.setAttribute("aria-expanded", "false");
    }
    function back() { (opener.isConnected ? opener : box).focus(); } // a newer reply may have taken Edit away
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); close(); back(); }
    });
    form.querySelector("[data-action='close']").addEventListener("click", function () {
      close();
      back();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitEditForm(form, close);
    });
    item.appendChild(form);
    opener.setAttribute("aria-expanded", "true");
    form.elements.title.focus();
  }

  function fieldErrors(form, errors) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (node) {
      node.parentNode.removeChild(node);
    });
    var first = null;
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      markInvalid(input, !!errors[name]);
      input.removeAttribute("aria-describedby");
      if (!errors[name]) { return; }
      var note = el("p", "error field-error", errors[name]);
      note.id = input.id + "-error";
      input.setAttribute("aria-describedby", note.id);
      input.parentNode.appendChild(note);
      first = first || input;
    });
    showError(form.querySelector(".form-error"), first ? t("correct") : "");
    if (first) { first.focus(); }
  }

  function submitEditForm(form, close) {
    var fields = {};
    FIELDS.forEach(function (name) { fields[name] = form.elements[name].value.trim(); });
    if (!fields.title) { fieldErrors(form, { title: t("no_title") }); return; }
    var item = line("patron", t("changed", { title: fields.title }));
    post(item, "/form", { id: clientId(), fields: fields }, function (result) {
      if (result.status === 400) {
        item.parentNode.removeChild(item);
        fieldErrors(form, result.data.errors);
        return;
      }
      close();
      box.focus();
    });
  }

  // ---- open requests ------------------------------------------------------------------------

  function renderRequests(requests) {
    var list = $("request-list");
    var hadFocus = list.contains(document.activeElement);
    list.textContent = "";
    (requests || []).forEach(function (request) {
      var item = el("li", "request");
      var title = el("p", "request-title");
      title.appendChild(el("strong", null, request.ref));
      title.appendChild(document.createTextNode(" " + (request.title || "")));
      item.appendChild(title);
      item.appendChild(el("p", "request-status", request.status));
      if (request.due) {
        var day = request.due_words || String(request.due).slice(0, 10);
        item.appendChild(el("p", "request-due", t("due", { day: day })));
      }
      var actions = el("div", "row");
      [["renew", t("renew")], ["cancel", t("cancel")]].forEach(function (pair) {
        if (!request[pair[0]]) { return; }
        var button = el("button", pair[0] === "cancel" ? "quiet" : "", pair[1]);
        button.type = "button";
        button.setAttribute("aria-label", pair[1] + " " + request.ref + " " + (request.title || ""));
        button.addEventListener("click", function () {
          afterButton = true;
          send(pair[0] + " " + request.ref, pair[1] + " " + request.ref);
        });
        actions.appendChild(button);
      });
      if (actions.childNodes.length) { item.appendChild(actions); }
      list.appendChild(item);
    });
    $("no-requests").hidden = (requests || []).length > 0;
    if (hadFocus && !list.contains(document.activeElement)) { $("requests-title").focus(); }
  }

  var refreshing = null;
  function refreshRequests() {
    if (refreshing) { return; }
    refreshing = window.setTimeout(function () {
      call("GET", "/state").then(function (r) {
        refreshing = null;
        if (r.status === 200) { renderRequests(r.data.requests); }
      });
    }, 300);
  }

  function renderNotices(notices) {
    if (!notices || !notices.length) { return; }
    var list = $("notice-list");
    notices.forEach(function (notice) {
      seen[notice.id] = true;
      var item = el("li", "notice");
      item.appendChild(time(notice.at));
      item.appendChild(el("div", "text", notice.text));
      list.appendChild(item);
    });
    $("notices").hidden = false;
  }

  // ---- live replies: server-sent events, polling when they cannot be had ---------------------

  var pollDelay = 3000;

  // The session ended (idle, signed out elsewhere, expired): say so once, offer to sign in.
  function signedOutNow(sentence) {
    var notice = $("signed-out");
    if (!notice.hidden) { return; }
    if (sentence) { notice.querySelector("p").textContent = sentence; }
    notice.hidden = false;
    box.disabled = true;
    $("send").disabled = true;
    $("sign-in-again").focus();
  }

  function poll() {
    call("GET", "/messages?after=" + lastId).then(function (r) {
      if (r.status === 401) { signedOutNow(); return; }
      if (r.status === 200) {
        renderAll(r.data.messages, true);
        pollDelay = 3000;
      } else {
        pollDelay = Math.min(pollDelay * 2, 30000);
      }
      window.setTimeout(poll, pollDelay);
    });
  }

  function listen() {
    if (!window.EventSource) {
      body.dataset.live = "poll";
      window.setTimeout(poll, pollDelay);
      return;
    }
    var source = new EventSource(API + "/events?after=" + lastId);
    var failures = 0;
    source.addEventListener("message", function (event) {
      failures = 0;
      try { renderAll([JSON.parse(event.data)], true); } catch (e) { /* a malformed event */ }
    });
    source.addEventListener("open", function () { failures = 0; });
    source.addEventListener("signed_out", function () { source.close(); signedOutNow(); });
    source.addEventListener("error", function () {
      failures += 1;
      // Closed (the server refused the stream) or failing again and again: poll instead.
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        body.dataset.live = "poll";
        window.setTimeout(poll, pollDelay);
      }
    });
  }

  function wireChat() {
    transcript = $("transcript");
    live = $("live");
    box = $("message");
    var form = $("message-form");
    $("sign-in-again").addEventListener("click", function () { window.location.reload(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = box.value;
      if (!text.trim()) { box.focus(); return; }
      box.value = "";
      afterButton = false;
      send(text);
      box.focus();
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit", { cancelable: true })); }
      }
    });
    $("sign-out-form").addEventListener("submit", function (event) {
      event.preventDefault();
      call("POST", "/sign-out", {}).then(function () { window.location.reload(); });
    });
    call("GET", "/state").then(function (r) {
      if (r.status === 401) { signedOutNow(); return; }
      if (r.status !== 200) { showError($("send-error"), problem(r)); return; }
      renderNotices(r.data.notices);
      renderAll(r.data.messages, false);
      renderRequests(r.data.requests);
      lastId = Math.max(lastId, r.data.last || 0);
      body.dataset.ready = "true"; // for tests and for styles: the history is on screen
      listen();
    });
    var wanted = null;
    try { wanted = sessionStorage.getItem("illbot-focus"); sessionStorage.removeItem("illbot-focus"); } catch (e) { /* private mode */ }
    if (wanted === "message") { box.focus(); }
  }

  // In the embed panel, Escape anywhere asks the launcher (on the library's page) to close it.
  function wireEmbed() {
    if (config.embed !== "true" || window.parent === window) { return; }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented) {
        window.parent.postMessage({ illbot: "close" }, "*");
      }
    });
  }

  applyColours();
  wireEmbed();
  if (config.signedIn === "true") { wireChat(); } else { wireSignIn(); }
}());
