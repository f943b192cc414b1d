// /live follows the tournament: it asks when the state was last written
// and reloads when the runner has written a newer one.
"use strict";

(function () {
  const status = document.getElementById("live-status");
  if (!status) return;
  const seen = status.dataset.updated;
  async function poll() {
    try {
      const r = await fetch("/live/state", { cache: "no-store" });
      if (r.ok) {
        const s = await r.json();
        if (String(s.updated_unix_ms) !== seen) { location.reload(); return; }
        if (s.finished) return;
      }
    } catch (_) { /* the network comes back; keep asking */ }
    setTimeout(poll, 3000);
  }
  setTimeout(poll, 3000);
})();
