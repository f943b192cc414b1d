// Plays a few ticks of {{name}}'s decision natively, without wasm:
// `make test`.

#include <stdio.h>
#include <string.h>

#include "bot.h"

static int failures;

#define EXPECT(got, want)                                                                  \
  do {                                                                                     \
    if ((got) != (want)) {                                                                 \
      fprintf(stderr, "%s:%d: %s is %d, expected %d\n", __FILE__, __LINE__, #got, (int)(got), \
              (int)(want));                                                                \
      failures++;                                                                          \
    }                                                                                      \
  } while (0)

// GAME.md's default rules.
static arena_bot_types_rules_t default_rules(void) {
  arena_bot_types_rules_t r = {
      .stage_width = 1000, .body_width = 60, .round_ticks = 1800, .rounds_to_win = 2, .max_rounds = 5,
      .hit_points = 1000, .max_energy = 1000, .energy_per_tick = 1, .energy_on_hit = 60,
      .energy_on_guard = 30, .walk_forward_speed = 6, .walk_back_speed = 4, .jump_ticks = 36,
      .jump_speed = 8, .hit_pushback = 20, .guard_pushback = 10, .counter_hit_bonus_percent = 20,
      .fireball_speed = 8, .fireball_cost = 500,
      .punch = {4, 2, 8, 70, 50, 10, 14, 8},
      .kick = {9, 3, 16, 110, 90, 18, 20, 12},
      .throw_ = {5, 1, 20, 20, 120, 0, 30, 0},
      .fireball = {12, 1, 20, 0, 100, 20, 18, 10},
      .tick_fuel = 5000000, .max_think_ticks = 60,
  };
  return r;
}

// Both fighters standing, `gap` apart (body edge to body edge).
static fighter_observation_t observe(int32_t gap) {
  fighter_observation_t obs;
  memset(&obs, 0, sizeof obs);
  obs.ticks_left = 1800;
  obs.round = 1;
  obs.me.x = 300;
  obs.me.hit_points = 1000;
  obs.opponent = obs.me;
  obs.opponent.x = 300 + 60 + gap;
  return obs;
}

int main(void) {
  arena_bot_types_rules_t rules = default_rules();

  // Walks in from afar; attacks in reach.
  fighter_observation_t far = observe(340), near = observe(50), mid = observe(100);
  EXPECT(decide(&rules, &far), ARENA_BOT_TYPES_ACTION_FORWARD);
  EXPECT(decide(&rules, &near), ARENA_BOT_TYPES_ACTION_PUNCH);
  EXPECT(decide(&rules, &mid), ARENA_BOT_TYPES_ACTION_KICK);
  // Throws a guard.
  fighter_observation_t guarding = observe(10);
  guarding.opponent.guarding = true;
  EXPECT(decide(&rules, &guarding), ARENA_BOT_TYPES_ACTION_THROW);
  // Guards a punch on its way.
  fighter_observation_t punched = observe(60);
  punched.opponent.action = ARENA_BOT_TYPES_ACTION_PUNCH;
  punched.opponent.phase.is_some = true;
  punched.opponent.phase.val = ARENA_BOT_TYPES_PHASE_STARTUP;
  EXPECT(decide(&rules, &punched), ARENA_BOT_TYPES_ACTION_GUARD);

  // The exports, as the host calls them.
  fighter_match_info_t info = {.rules = rules, .round = 1, .seed = 7};
  fighter_string_t err = {0};
  EXPECT(exports_fighter_init(&info, &err), true);
  EXPECT(exports_fighter_tick(&near), ARENA_BOT_TYPES_ACTION_PUNCH);

  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("test_bot: all checks passed\n");
  return 0;
}
