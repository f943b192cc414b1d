//! Points and rectangles in canvas pixels: the few operations the layout
//! and the poses need, so the scene depends on no engine's math types.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

/// A point or a size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Vec2 {
    /// Across.
    pub x: f32,
    /// Up or down (the canvas is y down, the world y up).
    pub y: f32,
}

impl Vec2 {
    /// The origin.
    pub const ZERO: Self = Self { x: 0.0, y: 0.0 };

    /// A point.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// The same value on both axes.
    pub const fn splat(v: f32) -> Self {
        Self { x: v, y: v }
    }

    /// Its length.
    pub fn length(self) -> f32 {
        self.x.hypot(self.y)
    }

    /// The point `t` of the way from `self` to `other`.
    pub fn lerp(self, other: Self, t: f32) -> Self {
        self + (other - self) * t
    }

    /// The smaller of each coordinate.
    pub fn min(self, other: Self) -> Self {
        Self::new(self.x.min(other.x), self.y.min(other.y))
    }

    /// The larger of each coordinate.
    pub fn max(self, other: Self) -> Self {
        Self::new(self.x.max(other.x), self.y.max(other.y))
    }
}

impl Add for Vec2 {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self::new(self.x + o.x, self.y + o.y)
    }
}

impl AddAssign for Vec2 {
    fn add_assign(&mut self, o: Self) {
        *self = *self + o;
    }
}

impl Sub for Vec2 {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Self::new(self.x - o.x, self.y - o.y)
    }
}

impl Neg for Vec2 {
    type Output = Self;
    fn neg(self) -> Self {
        Self::new(-self.x, -self.y)
    }
}

impl Mul<f32> for Vec2 {
    type Output = Self;
    fn mul(self, k: f32) -> Self {
        Self::new(self.x * k, self.y * k)
    }
}

impl Div<f32> for Vec2 {
    type Output = Self;
    fn div(self, k: f32) -> Self {
        Self::new(self.x / k, self.y / k)
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// The corner with the smaller coordinates.
    pub min: Vec2,
    /// The corner with the larger coordinates.
    pub max: Vec2,
}

impl Rect {
    /// The rectangle between two corners, in any order.
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self::from_corners(Vec2::new(x0, y0), Vec2::new(x1, y1))
    }

    /// The rectangle between two corners, in any order.
    pub fn from_corners(a: Vec2, b: Vec2) -> Self {
        Self { min: a.min(b), max: a.max(b) }
    }

    /// The rectangle of this size around `center`.
    pub fn from_center_size(center: Vec2, size: Vec2) -> Self {
        let half = size / 2.0;
        Self::from_corners(center - half, center + half)
    }

    /// Its centre.
    pub fn center(&self) -> Vec2 {
        (self.min + self.max) / 2.0
    }

    /// Width and height.
    pub fn size(&self) -> Vec2 {
        self.max - self.min
    }

    /// Its width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Its height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Grown by `by` on every side (shrunk when negative, never past empty).
    pub fn inflate(&self, by: f32) -> Self {
        let grown = Self { min: self.min - Vec2::splat(by), max: self.max + Vec2::splat(by) };
        Self { min: grown.min, max: grown.max.max(grown.min) }
    }

    /// The overlap of two rectangles (empty when they do not overlap).
    pub fn intersect(&self, other: Self) -> Self {
        let min = self.min.max(other.min);
        Self { min, max: self.max.min(other.max).max(min) }
    }

    /// Whether it has no area.
    pub fn is_empty(&self) -> bool {
        self.max.x <= self.min.x || self.max.y <= self.min.y
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(&self, p: Vec2) -> bool {
        (self.min.x..=self.max.x).contains(&p.x) && (self.min.y..=self.max.y).contains(&p.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_in_any_order_make_the_same_rectangle() {
        let r = Rect::new(10.0, 40.0, -10.0, 20.0);
        assert_eq!((r.min, r.max), (Vec2::new(-10.0, 20.0), Vec2::new(10.0, 40.0)));
        assert_eq!((r.center(), r.size()), (Vec2::new(0.0, 30.0), Vec2::new(20.0, 20.0)));
        assert_eq!(Rect::from_center_size(r.center(), r.size()), r);
        assert!(r.contains(Vec2::new(10.0, 20.0)) && !r.contains(Vec2::new(10.1, 20.0)));
        assert_eq!(r.inflate(-15.0).size(), Vec2::ZERO);
        assert!(r.intersect(Rect::new(10.0, 20.0, 30.0, 30.0)).is_empty(), "touching edges do not overlap");
        assert_eq!(r.intersect(Rect::new(0.0, 0.0, 30.0, 30.0)), Rect::new(0.0, 20.0, 10.0, 30.0));
    }
}
