//! What a bot asks for each tick (GAME.md "Actions"), and the sides.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// One of the ten actions a bot may return each tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
#[repr(u8)]
pub enum Action {
    /// Stand still.
    #[default]
    Idle = 0,
    /// Walk towards the opponent.
    Forward = 1,
    /// Walk away from the opponent.
    Back = 2,
    /// Leave the ground; airborne for `jump_ticks`.
    Jump = 3,
    /// Be low for this tick: a punch passes over.
    Crouch = 4,
    /// Block punch, kick and fireball for this tick (not throw).
    Guard = 5,
    /// The high attack.
    Punch = 6,
    /// The low attack.
    Kick = 7,
    /// The close-range grab.
    Throw = 8,
    /// The projectile; costs energy.
    Fireball = 9,
}

impl Action {
    /// Every action, in code order.
    pub const ALL: [Action; 10] = [
        Action::Idle,
        Action::Forward,
        Action::Back,
        Action::Jump,
        Action::Crouch,
        Action::Guard,
        Action::Punch,
        Action::Kick,
        Action::Throw,
        Action::Fireball,
    ];

    /// The action's code in a replay (0..=9).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The action with this replay code, if any.
    pub const fn from_code(code: u8) -> Option<Action> {
        if (code as usize) < Self::ALL.len() { Some(Self::ALL[code as usize]) } else { None }
    }

    /// The action's name as GAME.md writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Action::Idle => "idle",
            Action::Forward => "forward",
            Action::Back => "back",
            Action::Jump => "jump",
            Action::Crouch => "crouch",
            Action::Guard => "guard",
            Action::Punch => "punch",
            Action::Kick => "kick",
            Action::Throw => "throw",
            Action::Fireball => "fireball",
        }
    }

    /// Whether this action starts an attack with frame data.
    pub const fn is_attack(self) -> bool {
        matches!(self, Action::Punch | Action::Kick | Action::Throw | Action::Fireball)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Action {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| format!("unknown action `{s}` (expected one of idle, forward, back, jump, crouch, guard, punch, kick, throw, fireball)"))
    }
}

/// Which end of the stage a fighter starts at. Only geometry looks at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum Side {
    /// Starts at `start_x`, faces towards larger x.
    Left = 0,
    /// Starts at `stage_width - start_x`, faces towards smaller x.
    Right = 1,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// 0 for left, 1 for right: the index into per-side arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The other side.
    pub const fn opponent(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// +1 where "forward" is towards larger x, -1 otherwise.
    pub const fn forward(self) -> i32 {
        match self {
            Side::Left => 1,
            Side::Right => -1,
        }
    }

    /// "left" or "right".
    pub const fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the simulation receives for one fighter on one tick.
///
/// A bot that answered gives [`Input::Act`]. The host gives
/// [`Input::Thinking`] for a bot still busy with an earlier tick (its
/// fighter idles) and [`Input::Fault`] for a bot that faulted this tick,
/// which loses the round there (GAME.md "Round and match outcome").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Input {
    /// The bot asked for this action.
    Act(Action),
    /// The bot is still thinking; its fighter idles.
    Thinking,
    /// The bot faulted on this tick and loses the round.
    Fault,
}

impl Input {
    /// The action the simulation plays for this input.
    pub const fn action(self) -> Action {
        match self {
            Input::Act(a) => a,
            Input::Thinking | Input::Fault => Action::Idle,
        }
    }

    /// One byte: the action's code, or 14 for thinking, 15 for a fault.
    pub const fn to_byte(self) -> u8 {
        match self {
            Input::Act(a) => a.code(),
            Input::Thinking => 14,
            Input::Fault => 15,
        }
    }

    /// The input a byte from [`Input::to_byte`] stands for.
    pub const fn from_byte(byte: u8) -> Option<Input> {
        match byte {
            14 => Some(Input::Thinking),
            15 => Some(Input::Fault),
            b => match Action::from_code(b) {
                Some(a) => Some(Input::Act(a)),
                None => None,
            },
        }
    }
}

impl From<Action> for Input {
    fn from(action: Action) -> Self {
        Input::Act(action)
    }
}
