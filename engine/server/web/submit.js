// The submission form, sent to POST /api/v1/submissions: the one
// submission path, whose answer lists each check and the replay.
"use strict";

(function () {
  const form = document.getElementById("submit-form");
  const out = document.getElementById("answer");
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const segment = (s) => encodeURIComponent(s);

  function show(answer) {
    out.replaceChildren();
    const ok = answer.passed;
    out.append(el("p", ok ? "pass verdict" : "fail verdict",
      ok ? `${answer.name} passed and is stored as version ${answer.stored.version}.`
         : `${answer.name} was not stored: ${answer.error || "a check failed"}`));
    const list = el("ul", "checks");
    for (const c of answer.checks) {
      const li = el("li", c.passed ? "pass" : "fail");
      li.append(el("b", "", c.passed ? "✔ " : "✘ "), el("span", "", `${c.description || c.check}: `), el("span", "meta", c.message));
      list.append(li);
    }
    out.append(list);
    if (answer.replay) {
      const href = answer.stored
        ? `/watch/bot/${segment(answer.name)}@${answer.stored.version}`
        : `/watch/replay/${answer.sha256}`;
      const p = el("p");
      const a = el("a", "watch", "Watch the validation match");
      a.href = href;
      p.append(a);
      out.append(p);
    }
    if (answer.stored) {
      const p = el("p");
      const a = el("a", "", `${answer.name}'s page`);
      a.href = `/bots/${segment(answer.name)}`;
      p.append(a);
      out.append(p);
    }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const token = (data.get("token") || "").trim();
    data.delete("token");
    const wasm = data.get("wasm");
    if (!wasm || !wasm.size) {
      out.replaceChildren(el("p", "error", "Choose your bot's .wasm file first (the file your build made, e.g. target/wasm32-wasip2/release/NAME.wasm)."));
      return;
    }
    const max = Number(form.wasm.dataset.max);
    if (max && wasm.size > max) {
      out.replaceChildren(el("p", "error", `${wasm.name} is ${wasm.size} bytes, over this server's cap of ${max} bytes (the rules' limits.max_module_bytes): build in release mode and strip debug info (strip = true in your Cargo profile).`));
      return;
    }
    const avatar = data.get("avatar");
    if (avatar && !avatar.size) data.delete("avatar");
    out.replaceChildren(el("p", "note", "Uploading and validating… (a Python bot's first compile takes a few seconds)"));
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const headers = token ? { Authorization: `Bearer ${token}` } : {};
      const r = await fetch("/api/v1/submissions", { method: "POST", body: data, headers });
      const text = await r.text();
      let body;
      try { body = JSON.parse(text); } catch (_) { body = { error: `the server answered ${r.status}: ${text.slice(0, 200)}` }; }
      if (r.status === 200 || r.status === 422) show(body);
      else out.replaceChildren(el("p", "error", body.error || `the server answered ${r.status}`));
    } catch (err) {
      out.replaceChildren(el("p", "error", `Cannot reach the server: ${err.message}. Check that you are on the event's network.`));
    } finally {
      button.disabled = false;
    }
  });
})();
