//! Colours as sRGB components with alpha, the way both painters (Bevy's
//! sprites and the browser's canvas) take them.

/// A colour: sRGB components and alpha, each 0 to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Color {
    /// Red.
    pub red: f32,
    /// Green.
    pub green: f32,
    /// Blue.
    pub blue: f32,
    /// Opacity.
    pub alpha: f32,
}

impl Color {
    /// Opaque white.
    pub const WHITE: Self = Self::srgb(1.0, 1.0, 1.0);

    /// An opaque colour.
    pub const fn srgb(red: f32, green: f32, blue: f32) -> Self {
        Self { red, green, blue, alpha: 1.0 }
    }

    /// A colour with its opacity.
    pub const fn srgba(red: f32, green: f32, blue: f32, alpha: f32) -> Self {
        Self { red, green, blue, alpha }
    }

    /// Brightened or darkened by `f`, each component capped at 1.
    pub fn scaled(self, f: f32) -> Self {
        Self::srgba((self.red * f).min(1.0), (self.green * f).min(1.0), (self.blue * f).min(1.0), self.alpha)
    }

    /// `t` of the way from `self` to `other`, opacity included.
    pub fn mix(self, other: Self, t: f32) -> Self {
        let l = |a: f32, b: f32| a + (b - a) * t;
        Self::srgba(
            l(self.red, other.red),
            l(self.green, other.green),
            l(self.blue, other.blue),
            l(self.alpha, other.alpha),
        )
    }
}
