"""Plays a few ticks of {{name}} in plain Python, without wasm.

Needs the generated bindings first (see README.md):

    componentize-py -d wit -w fighter bindings .
    python3 -m unittest test_app
"""

import unittest

from wit_world.imports.types import (
    Action, AttackData, FighterView, MatchInfo, Observation, Rules,
)

import app


def default_rules() -> Rules:
    """GAME.md's default rules."""
    return Rules(
        stage_width=1000, body_width=60, round_ticks=1800, rounds_to_win=2, max_rounds=5,
        hit_points=1000, max_energy=1000, energy_per_tick=1, energy_on_hit=60,
        energy_on_guard=30, walk_forward_speed=6, walk_back_speed=4, jump_ticks=36,
        jump_speed=8, hit_pushback=20, guard_pushback=10, counter_hit_bonus_percent=20,
        fireball_speed=8, fireball_cost=500,
        punch=AttackData(4, 2, 8, 70, 50, 10, 14, 8),
        kick=AttackData(9, 3, 16, 110, 90, 18, 20, 12),
        throw=AttackData(5, 1, 20, 20, 120, 0, 30, 0),
        fireball=AttackData(12, 1, 20, 0, 100, 20, 18, 10),
        tick_fuel=5_000_000, max_think_ticks=60,
    )


def fighter(x: int, **changes) -> FighterView:
    view = FighterView(
        x=x, y=0, hit_points=1000, energy=0, action=Action.IDLE, phase=None,
        phase_ticks_left=0, stun_ticks_left=0, airborne=False, crouching=False,
        guarding=False, fireball_x=None,
    )
    for name, value in changes.items():
        setattr(view, name, value)
    return view


def observe(gap: int, **opponent) -> Observation:
    return Observation(
        tick=0, ticks_left=1800, round=1, my_wins=0, opponent_wins=0,
        opponent_last_action=Action.IDLE, me=fighter(300),
        opponent=fighter(300 + 60 + gap, **opponent),
    )


class TestBot(unittest.TestCase):
    def setUp(self):
        self.bot = app.WitWorld()
        self.bot.init(MatchInfo(rules=default_rules(), round=1, seed=7))

    def test_walks_in_from_afar(self):
        self.assertEqual(self.bot.tick(observe(340)), Action.FORWARD)

    def test_attacks_in_reach(self):
        self.assertEqual(self.bot.tick(observe(50)), Action.PUNCH)
        self.assertEqual(self.bot.tick(observe(100)), Action.KICK)

    def test_throws_a_guard(self):
        self.assertEqual(self.bot.tick(observe(10, guarding=True)), Action.THROW)


if __name__ == "__main__":
    unittest.main()
