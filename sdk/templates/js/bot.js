// {{name}}: an Arena fighting bot in JavaScript.
//
// `npm run build` makes this module a WebAssembly component of the
// `fighter` world (wit/fighter.wit) with componentize-js. The world's two
// exports are the functions `init` (once, before the first tick) and `tick`
// (every tick: what the bot sees in, its action out). Names are the WIT's in
// camelCase (`bodyWidth`, `stunTicksLeft`), actions and phases are strings
// (`"punch"`, `"startup"`), and an absent option is `undefined`. GAME.md has
// the rules.
//
// Keep a tick's work small: the JavaScript engine itself costs about 1.5
// million fuel a tick of the 5 million a tick may spend (README.md).

// The bot's memory lives at module level: it lasts as long as the instance,
// which is the whole match (a fault restarts it, with a new `init`).
let rules = null;

// Walks in and attacks; guards what is coming; throws a guarding opponent.
// Both fighters are in this bot's frame: the opponent is towards larger x.
export function decide(r, obs) {
  const them = obs.opponent;
  const gap = them.x - obs.me.x - r.bodyWidth;

  // Their punch or kick is coming and reaches: guard it.
  const coming = them.phase === "startup" || them.phase === "active";
  if (coming && (them.action === "punch" || them.action === "kick")) {
    const reach = them.action === "kick" ? r.kick.reach : r.punch.reach;
    if (gap <= reach + r.walkForwardSpeed) return "guard";
  }
  // A guard does not stop a throw.
  if (gap <= r.throw.reach && them.guarding) return "throw";
  if (gap <= r.punch.reach) return "punch";
  if (gap <= r.kick.reach) return "kick";
  return "forward";
}

// The rules of the match (reach, frame data, speeds), the round the bot
// starts in, and its random seed.
export function init(info) {
  rules = info.rules;
}

// An action asked for while the fighter cannot act (mid-attack, stunned,
// airborne) is ignored.
export function tick(obs) {
  return decide(rules, obs);
}
