"""py-kicker: an Arena bot in Python, built with componentize-py.

Walks in and kicks at the end of its reach, punches up close, throws an
opponent who guards or crouches, guards what is coming at it, and kicks the
opponent's recovery when the kick lands in time.

Build (from the repository root; `cargo xtask bots` does this):

    componentize-py -d sdk/wit -w fighter componentize app -p bots/py-kicker -o target/bots/py-kicker.wasm
"""

import wit_world
from wit_world.imports.types import Action, MatchInfo, Observation, Phase

# The bot's memory lives at module level: it lasts as long as the instance,
# that is, the whole match (or until a fault).
rules = None
kicks = 0


def reach(action):
    """Reach of an attack under this match's rules."""
    return {
        Action.PUNCH: rules.punch.reach,
        Action.KICK: rules.kick.reach,
        Action.THROW: rules.throw.reach,
    }.get(action, 0)


class WitWorld(wit_world.WitWorld):
    def init(self, info: MatchInfo) -> None:
        global rules, kicks
        rules = info.rules
        kicks = 0
        print(f"py-kicker: round {info.round}, kick reach {rules.kick.reach}")

    def tick(self, obs: Observation) -> Action:
        global kicks
        me, op = obs.me, obs.opponent
        gap = op.x - me.x - rules.body_width

        # Punish a recovery that a kick reaches in time.
        if op.phase == Phase.RECOVERY and gap <= rules.kick.reach and op.phase_ticks_left > rules.kick.startup:
            kicks += 1
            return Action.KICK
        # Guard a punch or kick that is coming and reaches.
        if op.phase in (Phase.STARTUP, Phase.ACTIVE) and op.action in (Action.PUNCH, Action.KICK):
            if gap <= reach(op.action) + rules.walk_forward_speed:
                return Action.GUARD
        # A fireball close by: guard it.
        if op.fireball_x is not None and op.fireball_x - me.x <= rules.body_width:
            return Action.GUARD
        if gap <= rules.throw.reach and (op.guarding or op.crouching):
            return Action.THROW
        if gap <= rules.punch.reach:
            return Action.PUNCH
        if gap <= rules.kick.reach:
            kicks += 1
            return Action.KICK
        return Action.FORWARD
