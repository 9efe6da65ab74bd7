// The playground page: one incident channel, talking to /playground/api. Polls every second.
(() => {
  "use strict";
  const api = "/playground/api";
  const $ = (id) => document.getElementById(id);
  const userInput = $("user");
  let openThread = null;
  let lastMessages = "";
  let lastPostmortem = "";

  userInput.value = localStorage.getItem("playground.user") || userInput.value;
  userInput.addEventListener("change", () => {
    localStorage.setItem("playground.user", userInput.value.trim());
    lastMessages = "";
    refresh();
  });
  const me = () => userInput.value.trim();

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { message = (await response.json()).error || message; } catch { /* not JSON */ }
      showError(message);
      return null;
    }
    return response.status === 204 ? {} : response.json();
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 4000);
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  // Neutral mentions <@id> / <@id|label>, *bold* and `code`, on escaped text.
  function format(text) {
    return escapeHtml(text)
      .replace(/&lt;@([^|&]+?)(?:\|([^&]+?))?&gt;/g, (_, id, label) => `<span class="mention">@${label || id}</span>`)
      .replace(/`([^`\n]+)`/g, "<code>$1</code>")
      .replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
      .replace(/(^|\s)_([^_\n]+)_(?=$|[\s.,!?])/gm, "$1<i>$2</i>")
      .replace(/(^|\s)(\/postmortems\/[\w%.:-]+)/g, '$1<a href="$2" target="_blank">$2</a>');
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function el(tag, className, html) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function button(label, onClick, className) {
    const node = el("button", className);
    node.type = "button";
    node.textContent = label;
    node.addEventListener("click", onClick);
    return node;
  }

  function renderMessage(message, replies) {
    const item = el("li", "message");
    if (message.isBot) item.classList.add("bot");
    if (message.ephemeralFor) item.classList.add("ephemeral");
    if (message.isCommand) item.classList.add("command");
    const edited = message.editedAt && !message.deleted ? " (edited)" : "";
    const only = message.ephemeralFor ? " · only visible to you" : "";
    item.appendChild(el("div", "meta", `<b>${escapeHtml(message.author)}</b>${time(message.postedAt)}${edited}${only}`));
    item.appendChild(el("div", "text", message.deleted ? "<i>This message was deleted.</i>" : format(message.text)));
    if (message.file) {
      item.appendChild(el("div", "file", `📎 ${escapeHtml(message.file.fileName)}`));
    }
    if (message.deleted) return item;

    const actions = el("div", "actions");
    for (const b of message.buttons || []) {
      actions.appendChild(button(b.label, () => call("POST", "/buttons",
        { user: me(), actionId: b.actionId, value: b.value, messageId: message.id }).then(refresh), b.primary ? "primary" : ""));
    }
    for (const r of message.reactions || []) {
      const mine = r.users.includes(me());
      const chip = button(`${r.emoji} ${r.users.length}`, () => react(message.id, r.emoji, !mine), "reaction" + (mine ? " mine" : ""));
      chip.title = r.users.join(", ");
      actions.appendChild(chip);
    }
    if (!message.ephemeralFor) {
      for (const emoji of ["✅", "❌", "📌"]) {
        if (!(message.reactions || []).some((r) => r.emoji === emoji)) {
          actions.appendChild(button(emoji, () => react(message.id, emoji, true)));
        }
      }
    }
    if (replies !== undefined && !message.ephemeralFor) {
      actions.appendChild(button(replies ? `${replies} repl${replies === 1 ? "y" : "ies"}` : "reply", () => showThread(message.id)));
    }
    if (!message.isBot && !message.isCommand && message.author === me()) {
      actions.appendChild(button("edit", () => edit(message)));
      actions.appendChild(button("delete", () => call("DELETE", `/messages/${message.id}?user=${encodeURIComponent(me())}`).then(refresh)));
    }
    item.appendChild(actions);
    return item;
  }

  function react(id, emoji, add) {
    return call(add ? "POST" : "DELETE", `/messages/${id}/reactions`, { user: me(), emoji }).then(refresh);
  }

  function edit(message) {
    const text = prompt("Edit message", message.text.replace(/<@([^|>]+)(?:\|[^>]+)?>/g, "@$1"));
    if (text !== null && text.trim()) {
      call("PUT", `/messages/${message.id}`, { user: me(), text }).then(refresh);
    }
  }

  function showThread(id) {
    openThread = id;
    $("thread").hidden = false;
    lastMessages = "";
    refresh();
    $("thread-text").focus();
  }

  function render(messages) {
    const list = $("messages");
    const wasAtBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
    const replies = {};
    for (const m of messages) if (m.threadId) (replies[m.threadId] ||= []).push(m);
    list.replaceChildren(...messages.filter((m) => !m.threadId).map((m) => renderMessage(m, (replies[m.id] || []).length)));
    if (wasAtBottom) list.scrollTop = list.scrollHeight;

    const threadList = $("thread-messages");
    const root = messages.find((m) => m.id === openThread);
    threadList.replaceChildren(...(root ? [root, ...(replies[root.id] || [])].map((m) => renderMessage(m)) : []));
  }

  async function refresh() {
    try {
      const response = await fetch(`${api}/messages?user=${encodeURIComponent(me())}`);
      if (response.ok) {
        const text = await response.text();
        if (text !== lastMessages) {
          lastMessages = text;
          render(JSON.parse(text));
        }
      }
      const pm = await fetch(`${api}/postmortem`);
      if (pm.ok) {
        const view = await pm.json();
        if (view.markdown && view.markdown !== lastPostmortem) {
          lastPostmortem = view.markdown;
          $("postmortem-text").textContent = view.markdown;
        }
      }
    } catch { /* the server is restarting: try again on the next tick */ }
  }

  function wireComposer(formId, textId, threadId) {
    const text = $(textId);
    const send = async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      const result = await call("POST", "/messages", { user: me(), text: text.value, threadId: threadId() });
      if (result) {
        text.value = "";
        refresh();
      }
    };
    $(formId).addEventListener("submit", send);
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) send(event);
    });
  }

  wireComposer("composer", "text", () => null);
  wireComposer("thread-composer", "thread-text", () => openThread);
  $("close-thread").addEventListener("click", () => { openThread = null; $("thread").hidden = true; });

  refresh();
  setInterval(refresh, 1000);
})();
