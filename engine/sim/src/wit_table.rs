//! The types of `sdk/wit/fighter.wit`, field by field, written once.
//!
//! arena-sim's types mirror the WIT's, and three places used to spell that
//! mirror out field by field: the SDK's conversions (inside every Rust bot),
//! the runtime's (host side) and the runtime's own lowering of the
//! observation (`engine/runtime/src/wire.rs`, the hot path of a tick). They
//! now generate their code from [`wit_types!`](crate::wit_types), so a
//! field can only be added to all three or to none; `tests/wit_table.rs`
//! parses the WIT file with `wit-parser` and checks this table against it,
//! name for name and in order, so a field added to the WIT cannot be missed
//! here either.
//!
//! Macros only: whatever runs is generated in the crate that asks for it.

/// Calls `callback!` once for each type of the WIT's `types` interface, in
/// the WIT file's order.
///
/// `wit_types!(path::to::callback!(ARGS))` expands to
/// `path::to::callback! { ARGS TYPE }` per type, where `TYPE` is one of:
///
/// - `enum Name { Case, ... }`: the cases in WIT order. The enum is called
///   `Name` in arena-sim and in both bindings, and so are its cases.
/// - `record Name { field: TYPE, ... }`: the fields in WIT order, each with
///   its WIT type: a primitive (`s32`, `u64`, `bool`, ...), `option<T>`,
///   or another type of this table by its Rust name. Field names are the
///   Rust ones (snake case; the WIT spells them in kebab case).
///   `field: TYPE in limits` is a field that arena-sim keeps one level
///   down, at `limits.field`. A trailing `..` says arena-sim's type has
///   fields the WIT leaves out, which come from its `Default` when a WIT
///   value is converted.
///
/// The names the bindings give these types and fields (upper camel case
/// types and cases, snake case fields) are the ones wit-bindgen and
/// wasmtime's `bindgen!` derive from the WIT, so one name serves all three.
#[doc(hidden)]
#[macro_export]
macro_rules! wit_types {
    ($($callback:ident)::+ ! ( $($args:tt)* )) => {
        $($callback)::+! { $($args)*
            enum Action {
                Idle, Forward, Back, Jump, Crouch, Guard, Punch, Kick, Throw, Fireball,
            }
        }
        $($callback)::+! { $($args)*
            enum Phase { Startup, Active, Recovery, }
        }
        $($callback)::+! { $($args)*
            record FighterView {
                x: s32,
                y: s32,
                hit_points: s32,
                energy: s32,
                action: Action,
                phase: option<Phase>,
                phase_ticks_left: s32,
                stun_ticks_left: s32,
                airborne: bool,
                crouching: bool,
                guarding: bool,
                fireball_x: option<s32>,
            }
        }
        $($callback)::+! { $($args)*
            record Observation {
                tick: s32,
                ticks_left: s32,
                round: s32,
                my_wins: s32,
                opponent_wins: s32,
                opponent_last_action: Action,
                me: FighterView,
                opponent: FighterView,
            }
        }
        $($callback)::+! { $($args)*
            record AttackData {
                startup: s32,
                active: s32,
                recovery: s32,
                reach: s32,
                damage: s32,
                chip: s32,
                hit_stun: s32,
                block_stun: s32,
            }
        }
        // The WIT leaves out what a bot cannot use: `start_x`,
        // `ticks_per_second` and the budgets other than these two.
        $($callback)::+! { $($args)*
            record Rules {
                stage_width: s32,
                body_width: s32,
                round_ticks: s32,
                rounds_to_win: s32,
                max_rounds: s32,
                hit_points: s32,
                max_energy: s32,
                energy_per_tick: s32,
                energy_on_hit: s32,
                energy_on_guard: s32,
                walk_forward_speed: s32,
                walk_back_speed: s32,
                jump_ticks: s32,
                jump_speed: s32,
                hit_pushback: s32,
                guard_pushback: s32,
                counter_hit_bonus_percent: s32,
                fireball_speed: s32,
                fireball_cost: s32,
                punch: AttackData,
                kick: AttackData,
                throw: AttackData,
                fireball: AttackData,
                tick_fuel: u64 in limits,
                max_think_ticks: u32 in limits,
                ..
            }
        }
        $($callback)::+! { $($args)*
            record MatchInfo {
                rules: Rules,
                round: s32,
                seed: u64,
            }
        }
    };
}

/// `From` conversions both ways between one type of [`wit_types!`] and the
/// bindings' type of the same name in module `wit`: the callback that the
/// SDK and the runtime both give [`wit_types!`], as
/// `arena_sim::wit_types!(arena_sim::wit_conversions!(wit));`.
///
/// Enums convert case by case, by name; records field by field, converting
/// each field by its WIT type. A record with a trailing `..` starts from
/// arena-sim's `Default`: the fields the WIT leaves out keep those values.
#[doc(hidden)]
#[macro_export]
macro_rules! wit_conversions {
    ($wit:ident enum $name:ident { $($case:ident,)* }) => {
        impl ::core::convert::From<$wit::$name> for $crate::$name {
            fn from(value: $wit::$name) -> Self {
                match value {
                    $($wit::$name::$case => Self::$case,)*
                }
            }
        }

        impl ::core::convert::From<$crate::$name> for $wit::$name {
            fn from(value: $crate::$name) -> Self {
                match value {
                    $($crate::$name::$case => Self::$case,)*
                }
            }
        }
    };
    ($wit:ident record $name:ident { $($field:ident: $ty:tt $(<$arg:tt>)?,)* }) => {
        impl ::core::convert::From<$wit::$name> for $crate::$name {
            fn from(value: $wit::$name) -> Self {
                Self {
                    $($field: $crate::__wit_convert!($ty $(<$arg>)?, value.$field),)*
                }
            }
        }

        impl ::core::convert::From<$crate::$name> for $wit::$name {
            fn from(value: $crate::$name) -> Self {
                Self {
                    $($field: $crate::__wit_convert!($ty $(<$arg>)?, value.$field),)*
                }
            }
        }
    };
    (
        $wit:ident record $name:ident {
            $($field:ident: $ty:tt $(<$arg:tt>)? $(in $within:ident)?,)*
            ..
        }
    ) => {
        impl ::core::convert::From<$wit::$name> for $crate::$name {
            /// Fields the WIT leaves out keep their `Default` values.
            fn from(value: $wit::$name) -> Self {
                let mut sim = <Self as ::core::default::Default>::default();
                $(sim.$($within.)? $field = $crate::__wit_convert!($ty $(<$arg>)?, value.$field);)*
                sim
            }
        }

        impl ::core::convert::From<$crate::$name> for $wit::$name {
            fn from(value: $crate::$name) -> Self {
                Self {
                    $($field: $crate::__wit_convert!($ty $(<$arg>)?, value.$($within.)? $field),)*
                }
            }
        }
    };
}

/// One field's value converted by its WIT type: primitives are the same
/// Rust type on both sides and are copied; the table's own types convert
/// with `Into`, inside an `option` too.
#[doc(hidden)]
#[macro_export]
macro_rules! __wit_convert {
    (option<$ty:ident>, $value:expr) => {
        $crate::__wit_convert!(@$ty, $value, $value.map(::core::convert::Into::into))
    };
    ($ty:ident, $value:expr) => {
        $crate::__wit_convert!(@$ty, $value, ::core::convert::Into::into($value))
    };
    // `@TYPE, as is, converted`: picks the first for a primitive.
    (@bool, $same:expr, $into:expr) => { $same };
    (@s8, $same:expr, $into:expr) => { $same };
    (@s16, $same:expr, $into:expr) => { $same };
    (@s32, $same:expr, $into:expr) => { $same };
    (@s64, $same:expr, $into:expr) => { $same };
    (@u8, $same:expr, $into:expr) => { $same };
    (@u16, $same:expr, $into:expr) => { $same };
    (@u32, $same:expr, $into:expr) => { $same };
    (@u64, $same:expr, $into:expr) => { $same };
    (@f32, $same:expr, $into:expr) => { $same };
    (@f64, $same:expr, $into:expr) => { $same };
    (@char, $same:expr, $into:expr) => { $same };
    (@$ty:ident, $same:expr, $into:expr) => { $into };
}
