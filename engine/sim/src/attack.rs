//! The four attacks (GAME.md "Frame data"): the actions that have frame
//! data, as a type of their own, so code that looks up an attack's numbers
//! cannot be handed a walk or a guard.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::rules::{AttackData, Rules};

/// One of the four attacks: the actions with frame data in [`Rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum Attack {
    /// The high attack; a crouching defender is not hit.
    Punch,
    /// The low attack; an airborne defender is not hit.
    Kick,
    /// The close-range grab; beats guard and crouch, loses to any active
    /// attack.
    Throw,
    /// The projectile; costs energy.
    Fireball,
}

impl Attack {
    /// Every attack, in action-code order.
    pub const ALL: [Attack; 4] = [Attack::Punch, Attack::Kick, Attack::Throw, Attack::Fireball];

    /// The attack an action starts, if it starts one.
    pub const fn of(action: Action) -> Option<Attack> {
        match action {
            Action::Punch => Some(Attack::Punch),
            Action::Kick => Some(Attack::Kick),
            Action::Throw => Some(Attack::Throw),
            Action::Fireball => Some(Attack::Fireball),
            Action::Idle | Action::Forward | Action::Back | Action::Jump | Action::Crouch | Action::Guard => None,
        }
    }

    /// The action that starts this attack.
    pub const fn action(self) -> Action {
        match self {
            Attack::Punch => Action::Punch,
            Attack::Kick => Action::Kick,
            Attack::Throw => Action::Throw,
            Attack::Fireball => Action::Fireball,
        }
    }

    /// This attack's frame data under `rules`.
    pub const fn data(self, rules: &Rules) -> &AttackData {
        match self {
            Attack::Punch => &rules.punch,
            Attack::Kick => &rules.kick,
            Attack::Throw => &rules.throw,
            Attack::Fireball => &rules.fireball,
        }
    }

    /// The attack's name as GAME.md writes it (its action's name).
    pub const fn name(self) -> &'static str {
        self.action().name()
    }
}

impl From<Attack> for Action {
    fn from(attack: Attack) -> Self {
        attack.action()
    }
}

impl TryFrom<Action> for Attack {
    /// The action, given back: it starts no attack.
    type Error = Action;

    fn try_from(action: Action) -> Result<Self, Self::Error> {
        Attack::of(action).ok_or(action)
    }
}

impl std::fmt::Display for Attack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_the_attack_actions_are_attacks() {
        for action in Action::ALL {
            assert_eq!(Attack::of(action).is_some(), action.is_attack(), "{action}");
            if let Some(attack) = Attack::of(action) {
                assert_eq!(attack.action(), action);
                assert_eq!(Action::from(attack), action);
                assert_eq!(attack.name(), action.name());
            }
            assert_eq!(Attack::try_from(action).map_err(|a| a == action), Attack::of(action).ok_or(true));
        }
        let from_actions: Vec<Attack> = Action::ALL.into_iter().filter_map(Attack::of).collect();
        assert_eq!(from_actions, Attack::ALL, "ALL is in action-code order");
    }

    #[test]
    fn each_attack_reads_its_own_frame_data() {
        let mut rules = Rules::default();
        rules.punch.reach = 1;
        rules.kick.reach = 2;
        rules.throw.reach = 3;
        rules.fireball.reach = 4;
        let reaches: Vec<i32> = Attack::ALL.iter().map(|a| a.data(&rules).reach).collect();
        assert_eq!(reaches, [1, 2, 3, 4]);
    }
}
