// Arena's replay player: arena-web (arena-sim and arena-scene compiled to
// wasm) re-simulates the replay and paints each frame as a display list;
// this script only fetches, paints the list on a canvas and passes the
// controls on. It also draws identicons for pictures-less bots.
"use strict";

(function () {
  const COMMANDS = { pause: 0, step: 1, faster: 2, slower: 3, home: 4, end: 5, round: 6, next: 7, previous: 8, seek: 9, panel: 10 };
  let modulePromise = null;

  function loadModule() {
    if (!modulePromise) {
      modulePromise = fetch("/web/arena_web.wasm").then(async (r) => {
        if (!r.ok) throw new Error(await errorText(r));
        const { instance } = await WebAssembly.instantiate(await r.arrayBuffer(), {});
        return instance.exports;
      });
    }
    return modulePromise;
  }

  async function errorText(response) {
    const text = await response.text();
    try { return JSON.parse(text).error || text; } catch (_) {}
    const m = text.match(/<p class="error" id="error">([\s\S]*?)<\/p>/);
    const div = document.createElement("div");
    div.innerHTML = m ? m[1] : text.slice(0, 300);
    return div.textContent;
  }

  // The buffer protocol of engine/web/src/exports.rs.
  function give(w, bytes) {
    const p = w.arena_buffer(bytes.length);
    new Uint8Array(w.memory.buffer, p, bytes.length).set(bytes);
  }
  function take(w, len) {
    return new Uint8Array(w.memory.buffer, w.arena_output_ptr(), len).slice();
  }
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();

  const identicons = new Map();
  function identicon(w, sha) {
    let c = identicons.get(sha);
    if (!c) {
      give(w, utf8.encode(sha));
      const px = take(w, w.arena_identicon());
      c = document.createElement("canvas");
      c.width = c.height = 7;
      c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(px), 7, 7), 0, 0);
      identicons.set(sha, c);
    }
    return c;
  }

  const pictures = new Map();
  function picture(url) {
    let img = pictures.get(url);
    if (!img) {
      img = new Image();
      img.src = url;
      pictures.set(url, img);
    }
    return img.complete && img.naturalWidth > 0 ? img : null;
  }

  const rgba = (c) => `rgba(${Math.round(c[0] * 255)},${Math.round(c[1] * 255)},${Math.round(c[2] * 255)},${c[3]})`;

  // World coordinates: canvas centre at the origin, y up (arena-scene).
  function paint(ctx, w, list) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgb(9,12,20)";
    ctx.fillRect(0, 0, 1920, 1080);
    for (const s of list) {
      if (s[0] === "quad") {
        const [, cx, cy, sw, sh, rot, color, image] = s;
        ctx.setTransform(1, 0, 0, 1, 960 + cx, 540 - cy);
        if (rot) ctx.rotate(-rot);
        if (image === "solid") {
          ctx.fillStyle = rgba(color);
          ctx.fillRect(-sw / 2, -sh / 2, sw, sh);
        } else if (image === "disc") {
          ctx.fillStyle = rgba(color);
          ctx.beginPath();
          ctx.ellipse(0, 0, sw / 2, sh / 2, 0, 0, 2 * Math.PI);
          ctx.fill();
        } else {
          const [, sha, png] = image;
          const img = (png && picture(png)) || identicon(w, sha);
          ctx.imageSmoothingEnabled = !(img instanceof HTMLCanvasElement);
          ctx.drawImage(img, -sw / 2, -sh / 2, sw, sh);
        }
      } else {
        const [, x, y, size, color, bold, align, text] = s;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.font = `${bold ? "bold " : ""}${size}px ArenaSans, ArenaFallback, sans-serif`;
        ctx.textAlign = align;
        ctx.textBaseline = "middle";
        ctx.fillStyle = rgba(color);
        ctx.fillText(text, 960 + x, 540 - y);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  async function drawIdenticons() {
    const cells = document.querySelectorAll("canvas.identicon");
    if (!cells.length) return;
    try {
      const w = await loadModule();
      for (const c of cells) c.getContext("2d").drawImage(identicon(w, c.dataset.sha256), 0, 0);
    } catch (_) { /* the pictures are a nicety; the names are there */ }
  }

  async function play(canvas) {
    const status = document.getElementById("status");
    const say = (text, bad) => { status.textContent = text; status.classList.toggle("error", !!bad); };
    let w, bytes;
    try {
      const fetched = fetch(canvas.dataset.replay).then(async (r) => {
        if (!r.ok) throw new Error(await errorText(r));
        return new Uint8Array(await r.arrayBuffer());
      });
      [w, bytes] = await Promise.all([loadModule(), fetched]);
      await Promise.all(["400 30px ArenaSans", "700 30px ArenaSans", "30px ArenaFallback"].map((f) => document.fonts.load(f).catch(() => null)));
    } catch (e) {
      say(`This replay cannot be played: ${e.message}`, true);
      return;
    }
    give(w, bytes);
    if (!w.arena_load()) {
      say(`This replay cannot be played: ${fromUtf8.decode(take(w, w.arena_output_len()))}`, true);
    }
    ["left", "right"].forEach((side, i) => {
      give(w, utf8.encode(canvas.dataset["avatar" + side[0].toUpperCase() + side.slice(1)] || ""));
      w.arena_set_avatar(i);
    });
    give(w, utf8.encode(canvas.dataset.caption || ""));
    w.arena_set_caption();

    const ctx = canvas.getContext("2d");
    const scrub = document.getElementById("scrub");
    const speed = document.getElementById("speed");
    let state = {};
    const command = (name, arg) => { w.arena_command(COMMANDS[name], arg || 0); };
    const api = {
      status: () => JSON.parse(fromUtf8.decode(take(w, w.arena_status()))),
      list: null,
      command,
      frames: 0,
    };
    window.arena = api;

    const keys = (e) => {
      const jump = e.shiftKey ? 60 : 1;
      const map = {
        " ": ["pause"], ArrowRight: ["step", jump], ArrowLeft: ["step", -jump],
        "]": ["faster"], "=": ["faster"], "+": ["faster"], "[": ["slower"], "-": ["slower"],
        Home: ["home"], End: ["end"], PageDown: ["next"], PageUp: ["previous"], Tab: ["panel"],
        1: ["round", 0], 2: ["round", 1], 3: ["round", 2], 4: ["round", 3], 5: ["round", 4],
      };
      const c = map[e.key];
      if (!c || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLInputElement && e.target.type !== "range") return;
      e.preventDefault();
      command(c[0], c[1]);
    };
    document.addEventListener("keydown", keys);
    canvas.addEventListener("click", () => { command("pause"); canvas.focus(); });
    for (const b of document.querySelectorAll("[data-command]")) {
      b.addEventListener("click", () => {
        const name = b.dataset.command;
        if (name === "back") command("step", -1);
        else if (name === "forward") command("step", 1);
        else command(name);
      });
    }
    let dragging = false;
    scrub.addEventListener("input", () => { dragging = true; command("seek", scrub.value / 1000); });
    scrub.addEventListener("change", () => { dragging = false; });

    let last = null;
    const frame = (t) => {
      const dt = last === null ? 0 : Math.min(t - last, 250);
      last = t;
      w.arena_advance(dt);
      const list = JSON.parse(fromUtf8.decode(take(w, w.arena_frame())));
      paint(ctx, w, list);
      api.list = list;
      api.frames += 1;
      // Milliseconds from the page's start to its first drawn frame.
      if (api.frames === 1) api.firstFrameMs = performance.now();
      state = api.status();
      if (state.loaded) {
        if (!dragging) scrub.value = Math.round((state.position / Math.max(1, state.length - 1)) * 1000);
        speed.textContent = `${state.speed}×`;
        say(`Round ${state.round + 1} of ${state.rounds} · tick ${state.tick} of ${state.ticks - 1}${state.paused ? " · paused" : ""}`);
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  function start() {
    drawIdenticons();
    const canvas = document.getElementById("arena");
    if (canvas) play(canvas);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
