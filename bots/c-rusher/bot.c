// `c-rusher`: the rusher (bots/rusher) in C. Walks straight in and
// attacks: kicks at the edge of kick reach, punches closer in, and throws
// when touching (a throw beats a guard). `cargo xtask bots` generates
// fighter.h from sdk/wit.

#include "fighter.h"

static arena_bot_types_rules_t rules;
static uint32_t attacks;

bool exports_fighter_init(fighter_match_info_t *info, fighter_string_t *err) {
  (void)err;
  rules = info->rules;
  attacks = 0;
  return true;
}

fighter_action_t exports_fighter_tick(fighter_observation_t *obs) {
  const arena_bot_types_rules_t *r = &rules;
  const arena_bot_types_fighter_view_t *me = &obs->me, *them = &obs->opponent;
  int32_t gap = them->x - me->x - r->body_width;
  fighter_action_t action = ARENA_BOT_TYPES_ACTION_FORWARD;
  if (gap <= r->throw_.reach) {
    // A guard or a crouch loses to a throw; otherwise mix it up.
    action = (them->guarding || them->crouching || attacks % 3 == 2) ? ARENA_BOT_TYPES_ACTION_THROW
                                                                       : ARENA_BOT_TYPES_ACTION_PUNCH;
  } else if (gap <= r->punch.reach) {
    action = ARENA_BOT_TYPES_ACTION_PUNCH;
  } else if (gap <= r->kick.reach && attacks % 2 == 0) {
    action = ARENA_BOT_TYPES_ACTION_KICK;
  }
  if (action != ARENA_BOT_TYPES_ACTION_FORWARD && !me->phase.is_some && me->stun_ticks_left == 0 && !me->airborne) {
    attacks++;
  }
  return action;
}
