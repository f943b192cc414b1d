//! The `tick` call's observation, lowered into the bot's memory in one copy.
//!
//! An observation flattens to more than the canonical ABI's 16 parameters,
//! so it travels through the guest's memory. Wasmtime's generated lowering
//! writes it field by field, looking the memory up again for every field;
//! that was a third of the cost of a tick for a trivial bot. Here the whole
//! record is laid out on the host's stack, following the canonical ABI's
//! rules for `sdk/wit/fighter.wit`, and copied in at once. The type check
//! stays wasmtime's own (delegated to the generated `Observation`), and
//! `tests/wire.rs` checks every field against a bot that reads them back.
//!
//! The fields and their order come from arena-sim's table of the WIT types
//! (`arena_sim::wit_types!`, checked against the WIT file by arena-sim's
//! tests); what this file knows is how each WIT type is laid out.
//!
//! This implements wasmtime's lowering traits by hand, through their
//! `#[doc(hidden)]` items. Wasmtime is pinned to one exact version, so a
//! bump that changes those items fails to compile here; a type new to the
//! observation fails to compile in `put_field!`, and a change to its size
//! fails the assertion below.

use std::mem::MaybeUninit;

use arena_sim as sim;
use wasmtime::component::__internal::{CanonicalAbiInfo, InstanceType, InterfaceType, LowerContext};
use wasmtime::component::{ComponentType, Lower};

use crate::bindings::arena::bot::types as wit;

/// Size of `observation` in the canonical ABI (checked against wasmtime's
/// own figure below).
const OBSERVATION_SIZE: usize = 104;

const _: () = assert!(<wit::Observation as ComponentType>::SIZE32 == OBSERVATION_SIZE);
const _: () = assert!(<wit::Observation as ComponentType>::ALIGN32 == 4);

/// An observation on its way into a bot's `tick`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WireObservation(pub(crate) sim::Observation);

// SAFETY: the ABI, the flat representation and the type check are those of
// the `Observation` that `bindgen!` generated from the same WIT file, so
// wasmtime sizes, aligns and checks this type exactly as it would that one.
#[allow(unsafe_code)]
unsafe impl ComponentType for WireObservation {
    type Lower = <wit::Observation as ComponentType>::Lower;

    const ABI: CanonicalAbiInfo = <wit::Observation as ComponentType>::ABI;

    fn typecheck(ty: &InterfaceType, types: &InstanceType<'_>) -> wasmtime::Result<()> {
        <wit::Observation as ComponentType>::typecheck(ty, types)
    }
}

// SAFETY: lowering to flat values is the generated type's; lowering to
// memory writes exactly `SIZE32` bytes at the offset wasmtime allocated for
// the value, through `LowerContext::get`, which checks the bounds.
#[allow(unsafe_code)]
unsafe impl Lower for WireObservation {
    fn linear_lower_to_flat<T>(
        &self,
        cx: &mut LowerContext<'_, T>,
        ty: InterfaceType,
        dst: &mut MaybeUninit<Self::Lower>,
    ) -> wasmtime::Result<()> {
        wit::Observation::from(self.0).linear_lower_to_flat(cx, ty, dst)
    }

    fn linear_lower_to_memory<T>(
        &self,
        cx: &mut LowerContext<'_, T>,
        _ty: InterfaceType,
        offset: usize,
    ) -> wasmtime::Result<()> {
        *cx.get::<OBSERVATION_SIZE>(offset) = image(&self.0);
        Ok(())
    }
}

/// The canonical ABI bytes of `o`, field by field in the WIT file's order.
///
/// Everything here is inlined, so every offset is a constant and each field
/// compiles to one store.
#[inline(always)]
fn image(o: &sim::Observation) -> [u8; OBSERVATION_SIZE] {
    let mut w = Image { bytes: [0; OBSERVATION_SIZE], at: 0 };
    o.put(&mut w);
    debug_assert_eq!(w.at, OBSERVATION_SIZE);
    w.bytes
}

/// Writes values at their canonical-ABI offsets: each aligned to its own
/// alignment, records aligned to their largest field's.
struct Image<const N: usize> {
    bytes: [u8; N],
    at: usize,
}

impl<const N: usize> Image<N> {
    #[inline(always)]
    fn align(&mut self, to: usize) {
        self.at = self.at.next_multiple_of(to);
    }

    #[inline(always)]
    fn put(&mut self, at: usize, bytes: &[u8]) {
        self.bytes[at..at + bytes.len()].copy_from_slice(bytes);
    }

    #[inline(always)]
    fn s32(&mut self, v: i32) {
        self.align(4);
        self.put(self.at, &v.to_le_bytes());
        self.at += 4;
    }

    /// An enum of up to 256 cases, or a bool.
    #[inline(always)]
    fn u8(&mut self, v: u8) {
        self.put(self.at, &[v]);
        self.at += 1;
    }

    /// `option<E>` for an enum `E`: a discriminant byte, then the case.
    #[inline(always)]
    fn option_u8(&mut self, v: Option<u8>) {
        let (disc, case) = v.map_or((0, 0), |c| (1, c));
        self.put(self.at, &[disc, case]);
        self.at += 2;
    }

    /// `option<s32>`: a discriminant byte, then the value at offset 4.
    #[inline(always)]
    fn option_s32(&mut self, v: Option<i32>) {
        self.align(4);
        let (disc, value) = v.map_or((0, 0), |x| (1, x));
        self.put(self.at, &[disc]);
        self.put(self.at + 4, &value.to_le_bytes());
        self.at += 8;
    }
}

/// A record of the observation, written into an [`Image`].
trait Record {
    /// Writes `self` at the image's next offset that suits its alignment.
    fn put<const N: usize>(&self, w: &mut Image<N>);
}

/// One field, by its WIT type. Only the types an observation holds are
/// here: a new one fails to compile until this file knows its layout.
macro_rules! put_field {
    ($w:ident, s32, $v:expr) => {
        $w.s32($v)
    };
    ($w:ident, bool, $v:expr) => {
        $w.u8(u8::from($v))
    };
    ($w:ident, option<s32>, $v:expr) => {
        $w.option_s32($v)
    };
    ($w:ident, Action, $v:expr) => {
        $w.u8(wit::Action::from($v) as u8)
    };
    ($w:ident, option<Phase>, $v:expr) => {
        $w.option_u8($v.map(|p| wit::Phase::from(p) as u8))
    };
    ($w:ident, FighterView, $v:expr) => {
        Record::put(&$v, $w)
    };
}

/// [`Record`] for the records an observation is made of, from arena-sim's
/// table of the WIT types; the others never cross this way.
macro_rules! records {
    (record $name:ident { $($field:ident: $ty:tt $(<$arg:tt>)?,)* }) => {
        impl Record for sim::$name {
            #[inline(always)]
            fn put<const N: usize>(&self, w: &mut Image<N>) {
                const ALIGN: usize = <wit::$name as ComponentType>::ALIGN32 as usize;
                w.align(ALIGN);
                $(put_field!(w, $ty $(<$arg>)?, self.$field);)*
                w.align(ALIGN);
            }
        }
    };
}

/// Picks the observation's records out of the table.
macro_rules! observation_records {
    (record Observation $fields:tt) => {
        records!(record Observation $fields);
    };
    (record FighterView $fields:tt) => {
        records!(record FighterView $fields);
    };
    ($($other:tt)*) => {};
}

arena_sim::wit_types!(observation_records!());
