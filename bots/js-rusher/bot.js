// `js-rusher`: the rusher (bots/rusher) in JavaScript. Walks straight in
// and attacks: kicks at the edge of kick reach, punches closer in, and
// throws when touching (a throw beats a guard).
//
// The JavaScript engine costs about 1.5 million fuel a tick of the 5
// million a tick may spend, so the tick itself does as little as it can.

let rules = null;
let attacks = 0;

export function init(info) {
  rules = info.rules;
  attacks = 0;
}

export function tick(obs) {
  const r = rules;
  const them = obs.opponent;
  const gap = them.x - obs.me.x - r.bodyWidth;
  let action = "forward";
  if (gap <= r.throw.reach) {
    // A guard or a crouch loses to a throw; otherwise mix it up.
    action = them.guarding || them.crouching || attacks % 3 === 2 ? "throw" : "punch";
  } else if (gap <= r.punch.reach) {
    action = "punch";
  } else if (gap <= r.kick.reach && attacks % 2 === 0) {
    action = "kick";
  }
  const me = obs.me;
  if (action !== "forward" && me.phase === undefined && me.stunTicksLeft === 0 && !me.airborne) {
    attacks += 1;
  }
  return action;
}
