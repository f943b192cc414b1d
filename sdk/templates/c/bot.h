// {{name}}: the bot's decision, a plain function of the rules and what the
// bot sees, so that test_bot.c can call it natively.
#ifndef BOT_H
#define BOT_H

#include "fighter.h"

fighter_action_t decide(const arena_bot_types_rules_t *rules, const fighter_observation_t *obs);

#endif
