// {{name}}: an Arena fighting bot in C.
//
// The two functions at the bottom are the world's exports (see
// gen/fighter.h, generated from wit/fighter.wit by `make`): `init` once,
// before the first tick, and `tick` every tick, what the bot sees in, its
// action out. GAME.md has the rules.

#include "bot.h"

// The bot's memory lives in globals: they last as long as the instance,
// which is the whole match (a fault restarts it, with a new `init`).
static arena_bot_types_rules_t rules;

// Walks in and attacks; guards what is coming; throws a guarding opponent.
// Both fighters are in this bot's frame: the opponent is towards larger x.
fighter_action_t decide(const arena_bot_types_rules_t *r, const fighter_observation_t *obs) {
  const arena_bot_types_fighter_view_t *them = &obs->opponent;
  int32_t gap = them->x - obs->me.x - r->body_width;

  // Their punch or kick is coming and reaches: guard it.
  bool coming = them->phase.is_some &&
                (them->phase.val == ARENA_BOT_TYPES_PHASE_STARTUP || them->phase.val == ARENA_BOT_TYPES_PHASE_ACTIVE);
  if (coming && (them->action == ARENA_BOT_TYPES_ACTION_PUNCH || them->action == ARENA_BOT_TYPES_ACTION_KICK)) {
    int32_t reach = them->action == ARENA_BOT_TYPES_ACTION_KICK ? r->kick.reach : r->punch.reach;
    if (gap <= reach + r->walk_forward_speed) return ARENA_BOT_TYPES_ACTION_GUARD;
  }
  // A guard does not stop a throw (`throw` is a C++ keyword: the field is `throw_`).
  if (gap <= r->throw_.reach && them->guarding) return ARENA_BOT_TYPES_ACTION_THROW;
  if (gap <= r->punch.reach) return ARENA_BOT_TYPES_ACTION_PUNCH;
  if (gap <= r->kick.reach) return ARENA_BOT_TYPES_ACTION_KICK;
  return ARENA_BOT_TYPES_ACTION_FORWARD;
}

// The rules of the match (reach, frame data, speeds), the round the bot
// starts in and its random seed. Return false with a message in `err`
// (fighter_string_dup(err, "why")) to refuse to start.
bool exports_fighter_init(fighter_match_info_t *info, fighter_string_t *err) {
  (void)err;
  rules = info->rules;
  return true;
}

// An action asked for while the fighter cannot act (mid-attack, stunned,
// airborne) is ignored.
fighter_action_t exports_fighter_tick(fighter_observation_t *obs) {
  return decide(&rules, obs);
}
