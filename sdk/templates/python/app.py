"""{{name}}: an Arena fighting bot in Python.

componentize-py turns this module into a WebAssembly component of the
`fighter` world (see README.md). The class `WitWorld` implements the world's
two exports: `init` (once, before the first tick) and `tick` (every tick:
what the bot sees in, its action out).
"""

import wit_world
from componentize_py_types import Err
from wit_world.imports.types import Action, MatchInfo, Observation, Phase

# The bot's memory lives at module level: it lasts as long as the instance,
# which is the whole match (a fault restarts it, with a new `init`).
rules = None


class WitWorld(wit_world.WitWorld):
    def init(self, info: MatchInfo) -> None:
        """The rules of the match (reach, frame data, speeds), the round the
        bot starts in, and its random seed. Raise `Err("why")` to refuse to
        start (the bot then loses the round)."""
        global rules
        if info.rules.body_width <= 0:
            raise Err("these rules make no sense to me")
        rules = info.rules

    def tick(self, obs: Observation) -> Action:
        """Both fighters are in this bot's frame: the opponent is always
        towards larger x. An action asked for while the fighter cannot act
        (mid-attack, stunned, airborne) is ignored."""
        me, them = obs.me, obs.opponent
        gap = them.x - me.x - rules.body_width

        # Their punch or kick is coming and reaches: guard it.
        coming = them.phase in (Phase.STARTUP, Phase.ACTIVE)
        if coming and them.action in (Action.PUNCH, Action.KICK):
            reach = rules.kick.reach if them.action == Action.KICK else rules.punch.reach
            if gap <= reach + rules.walk_forward_speed:
                return Action.GUARD
        # A guard does not stop a throw.
        if gap <= rules.throw.reach and them.guarding:
            return Action.THROW
        if gap <= rules.punch.reach:
            return Action.PUNCH
        if gap <= rules.kick.reach:
            return Action.KICK
        return Action.FORWARD
