// The playground's form, sent to POST /api/v1/play: the match is shown
// at once in the player below, and nothing is stored.
"use strict";

(function () {
  const form = document.getElementById("play-form");
  const out = document.getElementById("answer");
  if (!form) return;
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const token = (data.get("token") || "").trim();
    const opponent = data.get("opponent");
    data.delete("token");
    data.delete("opponent");
    const wasm = data.get("wasm");
    if (!wasm || !wasm.size) {
      out.replaceChildren(el("p", "error", "Choose your bot's .wasm file first."));
      return;
    }
    out.replaceChildren(el("p", "note", "Fighting… (a Python bot's first compile takes a few seconds)"));
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const headers = token ? { Authorization: `Bearer ${token}` } : {};
      const r = await fetch(`/api/v1/play?opponent=${encodeURIComponent(opponent)}`, { method: "POST", body: data, headers });
      const text = await r.text();
      let body;
      try { body = JSON.parse(text); } catch (_) { body = { error: `the server answered ${r.status}: ${text.slice(0, 200)}` }; }
      if (!r.ok) {
        out.replaceChildren(el("p", "error", body.error || `the server answered ${r.status}`));
        return;
      }
      out.replaceChildren(el("p", "verdict", `${body.you} vs ${body.opponent}, seed ${body.seed}: ${body.result}`));
      for (const line of body.fuel) out.append(el("p", "meta", line));
      for (const line of body.warnings) out.append(el("p", "error", line));
      const a = el("a", "watch", "Open the match on its own page");
      a.href = body.watch;
      out.append(a);
      const frame = el("iframe", "match");
      frame.src = `${body.watch}?embed=1`;
      frame.title = "the match";
      out.append(frame);
    } catch (err) {
      out.replaceChildren(el("p", "error", `Cannot reach the server: ${err.message}.`));
    } finally {
      button.disabled = false;
    }
  });
})();
