//! Drawing: the fight, the bracket and the notices, as sprites and text on
//! a 1920×1080 canvas scaled to the screen.
//!
//! Each frame the scene is described as a flat display list of [`Shape`]s
//! (quads and text, back to front) and synced onto a pool of sprite and
//! text entities, touching only what changed. Text is laid out at the
//! screen's real pixel size, so it stays sharp from 1280×720 to 3840×2160.

use std::collections::HashMap;
use std::path::PathBuf;

use arena_live::LiveState;
use arena_sim::{Action, Activity, Contact, FaultKind, Input, RoundEnd, Side};
use bevy::asset::RenderAssetUsages;
use bevy::camera::{RenderTarget, ScalingMode};
use bevy::image::{CompressedImageFormats, ImageSampler, ImageType};
use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;
use bevy::input::mouse::MouseButton;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy::sprite::Anchor;
use bevy::text::{FontCx, FontSize, FontSource, FontWeight};
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};

use crate::avatar::{IDENTICON_PIXELS, identicon};
use crate::bracket::{Align, AvatarRef, CANVAS, Item, Reveal, Scene, layout_page, pages, palette};
use crate::live::{Live, Show};
use crate::playback::{Notices, Playback, PlaybackCommand, PlaybackSystems};
use crate::pose::{Bone, Flash, Shade, figure};
use crate::timeline::{MatchView, Playhead};

/// The regular and bold faces (NanumSquare: Latin and all of Hangul).
static FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NanumSquareR.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NanumSquareB.ttf");
/// The fallback for what NanumSquare lacks (accented Latin, Greek, Cyrillic,
/// Hebrew, Arabic…). NanumSquare itself covers Hangul, kana and the common
/// CJK ideographs.
static FALLBACK_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static FALLBACK_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// The fallback's family name, as its files name it.
const FALLBACK_FAMILY: &str = "DejaVu Sans";
/// The scripts the fallback serves.
const FALLBACK_SCRIPTS: [[u8; 4]; 8] = [*b"Latn", *b"Grek", *b"Cyrl", *b"Armn", *b"Geor", *b"Hebr", *b"Arab", *b"Zyyy"];

/// The left fighter's colour.
pub const LEFT_COLOR: Color = Color::srgb(1.0, 0.38, 0.26);
/// The right fighter's colour.
pub const RIGHT_COLOR: Color = Color::srgb(0.22, 0.68, 1.0);

/// Pixels per stage unit.
const K: f32 = 1.7;
/// The stage floor, in world coordinates (y up, origin at the centre).
const GROUND_Y: f32 = -230.0;

/// Fonts and shared images.
#[derive(Resource, Clone)]
pub struct ViewerAssets {
    /// The regular face.
    pub regular: Handle<Font>,
    /// The bold face.
    pub bold: Handle<Font>,
    /// A white disc with a soft edge (heads, fists, fireballs, sparks).
    pub disc: Handle<Image>,
    /// The fallback faces (kept loaded).
    pub fallback: [Handle<Font>; 2],
}

/// Avatars loaded so far.
#[derive(Resource, Default)]
pub struct AvatarCache(HashMap<AvatarRef, Handle<Image>>);

/// Screen pixels per canvas pixel.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct ViewScale(pub f32);

/// Which image a quad shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Img {
    /// A plain colour.
    Solid,
    /// The soft disc.
    Disc,
    /// A picture.
    Picture(Handle<Image>),
}

/// One thing to draw, in world coordinates (canvas centre at the origin,
/// y up).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A (rotated) rectangle.
    Quad {
        /// Centre.
        center: Vec2,
        /// Width and height.
        size: Vec2,
        /// Rotation in radians.
        rotation: f32,
        /// Colour (tint for pictures).
        color: Color,
        /// What it shows.
        image: Img,
    },
    /// A line of text, vertically centred on `pos.y`.
    Text {
        /// The anchor point.
        pos: Vec2,
        /// Size in canvas pixels.
        size: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Color,
        /// Bold face.
        bold: bool,
        /// Horizontal placement.
        align: Align,
    },
}

/// The frame to draw, rebuilt every frame.
#[derive(Resource, Default)]
pub struct DisplayList {
    /// Back to front.
    pub shapes: Vec<Shape>,
}

#[derive(Resource, Default)]
struct Pools {
    quads: Vec<Entity>,
    texts: Vec<Entity>,
}

#[derive(Component)]
struct PoolQuad;

#[derive(Component)]
struct PoolText;

/// What a laid-out bracket page depends on: state generation, matches
/// shown, highlight, cursor, page.
type BracketKey = (u64, usize, Option<String>, Option<String>, usize);

#[derive(Resource, Default)]
struct BracketCache {
    key: Option<BracketKey>,
    scene: Scene,
}

/// Where the viewer draws: a window, or an image (screenshots).
#[derive(Clone, Debug)]
pub enum Target {
    /// The primary window.
    Window,
    /// An offscreen image of this size.
    Image(Handle<Image>, UVec2),
}

/// Rendering: camera, fonts, the display list and its sync, the scrub bar's
/// mouse, the fullscreen key.
pub struct DrawPlugin {
    /// Where to draw.
    pub target: Target,
}

/// The drawing systems (after playback and the show).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrawSystems;

impl Plugin for DrawPlugin {
    fn build(&self, app: &mut App) {
        let target = self.target.clone();
        let scale = match &target {
            Target::Image(_, size) => view_scale(size.as_vec2()),
            Target::Window => 1.0,
        };
        app.insert_resource(ClearColor(palette::BACKGROUND))
            .insert_resource(ViewScale(scale))
            .init_resource::<AvatarCache>()
            .init_resource::<DisplayList>()
            .init_resource::<Pools>()
            .init_resource::<BracketCache>()
            .add_systems(
                PreStartup,
                move |mut commands: Commands, mut images: ResMut<Assets<Image>>, mut fonts: ResMut<Assets<Font>>| {
                    let assets = ViewerAssets {
                        regular: fonts.add(Font::from_bytes(FONT_REGULAR.to_vec())),
                        bold: fonts.add(Font::from_bytes(FONT_BOLD.to_vec())),
                        disc: images.add(disc_image()),
                        fallback: [
                            fonts.add(Font::from_bytes(FALLBACK_REGULAR.to_vec())),
                            fonts.add(Font::from_bytes(FALLBACK_BOLD.to_vec())),
                        ],
                    };
                    commands.insert_resource(assets);
                    let projection = Projection::Orthographic(OrthographicProjection {
                        scaling_mode: ScalingMode::AutoMin { min_width: CANVAS.x, min_height: CANVAS.y },
                        ..OrthographicProjection::default_2d()
                    });
                    match &target {
                        Target::Window => {
                            commands.spawn((Camera2d, projection));
                        }
                        Target::Image(handle, _) => {
                            commands.spawn((Camera2d, projection, RenderTarget::Image(handle.clone().into())));
                        }
                    }
                },
            )
            .add_systems(
                Update,
                ((window_scale, toggle_fullscreen, scrub_with_mouse, register_fallback), compose, sync_pools)
                    .chain()
                    .in_set(DrawSystems)
                    .after(PlaybackSystems),
            );
    }
}

/// Once the fonts are in Bevy's font collection, makes DejaVu Sans the
/// fallback for the scripts NanumSquare lacks, and lays text out again.
fn register_fallback(mut font_cx: ResMut<FontCx>, mut texts: Query<&mut TextFont>, mut done: Local<bool>) {
    if *done {
        return;
    }
    let Some(id) = font_cx.collection.family_id(FALLBACK_FAMILY) else {
        return;
    };
    for script in FALLBACK_SCRIPTS {
        let key = fontique::FallbackKey::new(fontique::Script::from_bytes(script), None);
        font_cx.collection.append_fallbacks(key, std::iter::once(id));
    }
    for mut t in &mut texts {
        t.set_changed();
    }
    *done = true;
}

fn view_scale(size: Vec2) -> f32 {
    (size.x / CANVAS.x).min(size.y / CANVAS.y).max(0.05)
}

fn window_scale(windows: Query<&Window, With<PrimaryWindow>>, mut scale: ResMut<ViewScale>) {
    if let Ok(w) = windows.single() {
        let s = view_scale(Vec2::new(w.width(), w.height()));
        if (scale.0 - s).abs() > 1e-4 {
            scale.0 = s;
        }
    }
}

/// F11 or F toggles fullscreen.
fn toggle_fullscreen(keys: Option<Res<ButtonInput<KeyCode>>>, mut windows: Query<&mut Window, With<PrimaryWindow>>) {
    let Some(keys) = keys else { return };
    if !keys.any_just_pressed([KeyCode::F11, KeyCode::KeyF]) {
        return;
    }
    if let Ok(mut w) = windows.single_mut() {
        w.mode = match w.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
}

/// Clicking or dragging on the scrub bar seeks.
fn scrub_with_mouse(
    buttons: Option<Res<ButtonInput<MouseButton>>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform)>,
    playback: Res<Playback>,
    mut out: MessageWriter<PlaybackCommand>,
) {
    let Some(buttons) = buttons else { return };
    if !buttons.pressed(MouseButton::Left) || playback.view.is_none() {
        return;
    }
    let (Ok(window), Ok((camera, at))) = (windows.single(), cameras.single()) else {
        return;
    };
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Ok(p) = camera.viewport_to_world_2d(at, cursor) else {
        return;
    };
    let bar = scrub_bar_rect();
    if p.y > bar.min.y - 30.0 && p.y < bar.max.y + 30.0 && p.x >= bar.min.x - 10.0 && p.x <= bar.max.x + 10.0 {
        out.write(PlaybackCommand::Seek((p.x - bar.min.x) / bar.width()));
    }
}

fn scrub_bar_rect() -> Rect {
    Rect::new(-900.0, -492.0, 900.0, -474.0)
}

/// A soft-edged white disc, 64×64.
fn disc_image() -> Image {
    let n = 64u32;
    let mut data = Vec::with_capacity((n * n * 4) as usize);
    for y in 0..n {
        for x in 0..n {
            let dx = x as f32 + 0.5 - n as f32 / 2.0;
            let dy = y as f32 + 0.5 - n as f32 / 2.0;
            let d = (dx * dx + dy * dy).sqrt();
            let a = ((n as f32 / 2.0 - d) * 1.5).clamp(0.0, 1.0);
            data.extend_from_slice(&[255, 255, 255, (a * 255.0) as u8]);
        }
    }
    let mut img = Image::new(
        Extent3d { width: n, height: n, depth_or_array_layers: 1 },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    img.sampler = ImageSampler::linear();
    img
}

impl AvatarCache {
    /// The picture for `avatar`: its PNG if it loads, else its identicon.
    pub fn get(&mut self, avatar: &AvatarRef, images: &mut Assets<Image>) -> Handle<Image> {
        if let Some(h) = self.0.get(avatar) {
            return h.clone();
        }
        let png = avatar
            .png
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            // A PNG too big for a texture (or for memory) is never decoded:
            // the file may not be the one checked at submission.
            .filter(|bytes| arena_sim::avatar::check_png(bytes).is_ok())
            .and_then(|bytes| {
                Image::from_buffer(
                    &bytes,
                    ImageType::Extension("png"),
                    CompressedImageFormats::NONE,
                    true,
                    ImageSampler::linear(),
                    RenderAssetUsages::default(),
                )
                .ok()
            });
        let image = png.unwrap_or_else(|| {
            let mut img = Image::new(
                Extent3d { width: IDENTICON_PIXELS, height: IDENTICON_PIXELS, depth_or_array_layers: 1 },
                TextureDimension::D2,
                identicon(&avatar.sha256),
                TextureFormat::Rgba8UnormSrgb,
                RenderAssetUsages::default(),
            );
            img.sampler = ImageSampler::nearest();
            img
        });
        let h = images.add(image);
        self.0.insert(avatar.clone(), h.clone());
        h
    }
}

/// Canvas (top-left origin, y down) to world (centre origin, y up).
fn to_world(p: Vec2) -> Vec2 {
    Vec2::new(p.x - CANVAS.x / 2.0, CANVAS.y / 2.0 - p.y)
}

struct Painter<'a> {
    out: Vec<Shape>,
    avatars: &'a mut AvatarCache,
    images: &'a mut Assets<Image>,
}

impl Painter<'_> {
    fn quad(&mut self, center: Vec2, size: Vec2, color: Color) {
        self.out.push(Shape::Quad { center, size, rotation: 0.0, color, image: Img::Solid });
    }
    fn rect(&mut self, r: Rect, color: Color) {
        self.quad(r.center(), r.size(), color);
    }
    fn frame(&mut self, r: Rect, color: Color, w: f32) {
        self.rect(Rect::new(r.min.x - w / 2.0, r.max.y - w / 2.0, r.max.x + w / 2.0, r.max.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y - w / 2.0, r.max.x + w / 2.0, r.min.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y, r.min.x + w / 2.0, r.max.y), color);
        self.rect(Rect::new(r.max.x - w / 2.0, r.min.y, r.max.x + w / 2.0, r.max.y), color);
    }
    fn segment(&mut self, a: Vec2, b: Vec2, width: f32, color: Color) {
        let d = b - a;
        self.out.push(Shape::Quad {
            center: (a + b) / 2.0,
            size: Vec2::new(d.length() + width * 0.6, width),
            rotation: d.y.atan2(d.x),
            color,
            image: Img::Solid,
        });
    }
    fn disc(&mut self, c: Vec2, r: f32, color: Color) {
        self.out.push(Shape::Quad { center: c, size: Vec2::splat(2.0 * r), rotation: 0.0, color, image: Img::Disc });
    }
    fn text(&mut self, pos: Vec2, size: f32, text: impl Into<String>, color: Color, bold: bool, align: Align) {
        self.out.push(Shape::Text { pos, size, text: text.into(), color, bold, align });
    }
    fn avatar(&mut self, r: Rect, avatar: &AvatarRef) {
        let h = self.avatars.get(avatar, self.images);
        self.rect(r.inflate(3.0), palette::LINE);
        self.out.push(Shape::Quad {
            center: r.center(),
            size: r.size(),
            rotation: 0.0,
            color: Color::WHITE,
            image: Img::Picture(h),
        });
    }
    /// Draws a scene laid out on the canvas.
    fn scene(&mut self, scene: &Scene) {
        for item in &scene.items {
            match item {
                Item::Rect { rect, color } => self.rect(flip(*rect), *color),
                Item::Frame { rect, color, width } => self.frame(flip(*rect), *color, *width),
                Item::Line { from, to, width, color } => self.segment(to_world(*from), to_world(*to), *width, *color),
                Item::Text { pos, size, text, color, bold, align } => {
                    self.text(to_world(*pos), *size, text.clone(), *color, *bold, *align)
                }
                Item::Avatar { rect, avatar } => self.avatar(flip(*rect), avatar),
            }
        }
    }
}

fn flip(r: Rect) -> Rect {
    let a = to_world(r.min);
    let b = to_world(r.max);
    Rect::from_corners(a, b)
}

/// Builds this frame's display list.
#[allow(clippy::too_many_arguments)]
fn compose(
    playback: Res<Playback>,
    notices: Res<Notices>,
    live: Option<Res<Live>>,
    show: Option<Res<Show>>,
    mut cache: ResMut<BracketCache>,
    mut avatars: ResMut<AvatarCache>,
    mut images: ResMut<Assets<Image>>,
    mut list: ResMut<DisplayList>,
) {
    let mut p = Painter { out: Vec::with_capacity(list.shapes.len()), avatars: &mut avatars, images: &mut images };
    let on_bracket = match (&live, &show) {
        (Some(_), Some(show)) => show.playing().is_none(),
        _ => false,
    };
    if on_bracket {
        if let (Some(live), Some(show)) = (&live, &show) {
            draw_bracket(&mut p, live, show, &mut cache, &playback);
        }
    } else if let Some(view) = &playback.view {
        draw_match(&mut p, view, &playback.head, &playback);
    } else if notices.is_empty() {
        p.text(Vec2::ZERO, 40.0, "No replay loaded.", palette::DIM, false, Align::Center);
    }
    if !notices.is_empty() {
        let text = notices.text();
        let lines = text.lines().count().max(1) as f32;
        let h = 24.0 + 44.0 * lines;
        let top = if on_bracket || playback.view.is_some() { 250.0 } else { 120.0 };
        p.rect(Rect::new(-900.0, top - h, 900.0, top), Color::srgba(0.35, 0.05, 0.05, 0.92));
        p.frame(Rect::new(-900.0, top - h, 900.0, top), Color::srgb(1.0, 0.45, 0.4), 4.0);
        for (i, line) in text.lines().enumerate() {
            let line = crate::bracket::fit(line, 30.0, 1760.0);
            p.text(Vec2::new(0.0, top - 34.0 - 44.0 * i as f32), 30.0, line, palette::TEXT, false, Align::Center);
        }
    }
    list.shapes = p.out;
}

fn draw_bracket(p: &mut Painter<'_>, live: &Live, show: &Show, cache: &mut BracketCache, playback: &Playback) {
    let Some(state) = &live.state else {
        p.text(Vec2::new(0.0, 0.0), 44.0, "Waiting for the tournament…", palette::DIM, false, Align::Center);
        return;
    };
    let highlight = show.highlight(state);
    let key = (live.generation, show.revealed.len(), highlight.clone(), show.cursor.clone(), show.page);
    let all = pages(state);
    if cache.key.as_ref() != Some(&key) {
        let reveal = Reveal {
            state,
            dir: &live.dir,
            revealed: &show.revealed,
            highlight: highlight.as_deref(),
            cursor: show.cursor.as_deref(),
        };
        cache.scene = layout_page(&reveal, &all, show.page);
        cache.key = Some(key);
    }
    // Title bar.
    p.rect(Rect::new(-960.0, 444.0, 960.0, 540.0), palette::BAR);
    p.text(
        Vec2::new(-936.0, 492.0),
        48.0,
        crate::bracket::fit(&state.name, 48.0, 1000.0),
        palette::TEXT,
        true,
        Align::Left,
    );
    let page_title = all.get(show.page).map(|pg| pg.title.clone()).unwrap_or_default();
    let page_info = if all.len() > 1 { format!("{page_title}  ({}/{})", show.page + 1, all.len()) } else { page_title };
    p.text(Vec2::new(936.0, 492.0), 36.0, page_info, palette::HIGHLIGHT, true, Align::Right);
    p.scene(&cache.scene);
    // Footer: what happens next, and the keys.
    p.rect(Rect::new(-960.0, -540.0, 960.0, -468.0), palette::BAR);
    let status = footer_status(state, show, playback);
    p.text(
        Vec2::new(-936.0, -504.0),
        32.0,
        crate::bracket::fit(&status, 32.0, 1100.0),
        palette::TEXT,
        false,
        Align::Left,
    );
    p.text(
        Vec2::new(936.0, -504.0),
        28.0,
        "N next · R replay · ←→ Enter pick · PgUp/PgDn page · space pause",
        palette::DIM,
        false,
        Align::Right,
    );
}

fn footer_status(state: &LiveState, show: &Show, playback: &Playback) -> String {
    let done =
        state.tournament.matches().iter().filter(|m| m.status == arena_tournament::MatchStatus::Finished).count();
    let total = state.tournament.matches().len();
    let shown = show.revealed.len();
    let speed = speed_text(&playback.head);
    if show.paused {
        return format!("Paused · {shown} of {done} played matches shown · {speed}");
    }
    match crate::live::next_to_reveal(state, &show.revealed) {
        Some(m) => {
            let names = m
                .entrants()
                .map(|es| {
                    let n = |i: usize| state.tournament.entrant(es[i]).map_or("?", |e| e.name.as_str()).to_owned();
                    format!("{} vs {}", n(0), n(1))
                })
                .unwrap_or_default();
            format!("Next: {} {} · {names}", m.round_name, m.id)
        }
        None if state.finished => {
            let champion = state
                .tournament
                .standings()
                .rows
                .first()
                .filter(|r| r.place == 1)
                .map(|r| format!(" · Champion: {}", r.name))
                .unwrap_or_default();
            format!("Tournament over{champion} · {total} matches")
        }
        None => format!("Waiting for results · {done} of {total} matches played"),
    }
}

fn speed_text(head: &Playhead) -> String {
    let s = head.speed();
    if s >= 1.0 { format!("{s:.0}×") } else { format!("{s}×") }
}

fn side_color(side: usize) -> Color {
    if side == 0 { LEFT_COLOR } else { RIGHT_COLOR }
}

fn scale_color(c: Color, f: f32) -> Color {
    let s = c.to_srgba();
    Color::srgba((s.red * f).min(1.0), (s.green * f).min(1.0), (s.blue * f).min(1.0), s.alpha)
}

fn mix(a: Color, b: Color, t: f32) -> Color {
    let (a, b) = (a.to_srgba(), b.to_srgba());
    Color::srgba(
        a.red + (b.red - a.red) * t,
        a.green + (b.green - a.green) * t,
        a.blue + (b.blue - a.blue) * t,
        a.alpha + (b.alpha - a.alpha) * t,
    )
}

/// Stage x (0..stage width) to world x.
fn stage_x(x: f32, width: f32) -> f32 {
    (x - width / 2.0) * K
}

fn draw_match(p: &mut Painter<'_>, view: &MatchView, head: &Playhead, playback: &Playback) {
    let replay = &view.replay;
    let rules = &replay.rules;
    let round = &view.rounds[head.round.min(view.rounds.len() - 1)];
    let tick = head.tick.min(round.last_tick());
    let state = &round.states[tick];
    let width = rules.stage_width as f32;

    // Backdrop: sky gradient bands and the floor.
    p.rect(Rect::new(-960.0, GROUND_Y, 960.0, 330.0), Color::srgb(0.06, 0.08, 0.13));
    p.rect(Rect::new(-960.0, GROUND_Y - 4.0, 960.0, GROUND_Y + 60.0), Color::srgb(0.07, 0.095, 0.15));
    p.rect(Rect::new(-960.0, -540.0, 960.0, GROUND_Y), Color::srgb(0.13, 0.12, 0.16));
    p.rect(
        Rect::new(stage_x(0.0, width), GROUND_Y - 3.0, stage_x(width, width), GROUND_Y + 3.0),
        Color::srgb(0.55, 0.52, 0.6),
    );
    for x in [0.0, width] {
        let wx = stage_x(x, width);
        p.rect(Rect::new(wx - 4.0, GROUND_Y, wx + 4.0, 300.0), Color::srgb(0.25, 0.28, 0.38));
    }
    for i in 1..10 {
        let wx = stage_x(width * i as f32 / 10.0, width);
        p.rect(Rect::new(wx - 1.5, GROUND_Y - 16.0, wx + 1.5, GROUND_Y - 3.0), Color::srgb(0.35, 0.33, 0.42));
    }

    // Recent hits, for sparks and the thrown pose.
    let recent_from = tick.saturating_sub(16);
    let mut thrown = [false, false];
    // The latest hit on each fighter (older ones in the window are replaced).
    let mut latest: [Option<(usize, arena_sim::HitEvent)>; 2] = [None, None];
    let mut cancelled: Option<usize> = None;
    for t in recent_from + 1..=tick {
        for hit in round.events[t].hits() {
            let d = hit.defender.index();
            if hit.attack == Action::Throw && hit.contact != Contact::Guarded {
                thrown[d] = true;
            }
            latest[d] = Some((tick - t, *hit));
        }
        if round.events[t].fireballs_cancelled {
            cancelled = Some(tick - t);
        }
    }
    let sparks: Vec<(usize, arena_sim::HitEvent)> = latest.into_iter().flatten().collect();

    // Fighters.
    for side in Side::BOTH {
        let i = side.index();
        let f = &state.fighters[i];
        let fig = figure(f, rules, state.tick, thrown[i] && matches!(f.activity, Activity::HitStun { .. }));
        let dir = side.forward() as f32;
        let base = Vec2::new(stage_x(f.x as f32, width), GROUND_Y + f.y as f32 * K);
        // Shadow.
        let shadow_w = (70.0 - f.y as f32 * 0.2).max(30.0) * K;
        p.out.push(Shape::Quad {
            center: Vec2::new(base.x, GROUND_Y - 2.0),
            size: Vec2::new(shadow_w, 14.0),
            rotation: 0.0,
            color: Color::srgba(0.0, 0.0, 0.0, 0.5),
            image: Img::Disc,
        });
        let color = side_color(i);
        let hit_recently =
            sparks.iter().any(|(age, h)| h.defender == side && *age < 4 && h.contact != Contact::Guarded);
        let tint = |shade: Shade| -> Color {
            let c = match shade {
                Shade::Back => scale_color(color, 0.62),
                Shade::Body => color,
                Shade::Front => mix(color, Color::WHITE, 0.18),
                Shade::Fist => mix(color, Color::WHITE, 0.35),
                Shade::Strike => Color::srgb(1.0, 0.95, 0.45),
                Shade::Shield => Color::srgba(0.45, 1.0, 0.6, 0.8),
                Shade::Charge => Color::srgb(1.0, 0.7, 0.2),
            };
            match fig.flash {
                Flash::None => c,
                Flash::Hit if hit_recently && shade != Shade::Shield => Color::WHITE,
                Flash::Hit => mix(c, Color::srgb(1.0, 0.15, 0.15), 0.45),
                Flash::KnockedOut => mix(c, Color::srgb(0.35, 0.35, 0.38), 0.6),
            }
        };
        let place = |v: Vec2| base + Vec2::new(v.x * dir, v.y) * K;
        for bone in &fig.bones {
            match *bone {
                Bone::Segment { a, b, width: w, shade } => p.segment(place(a), place(b), w * K, tint(shade)),
                Bone::Disc { c, r, shade } => p.disc(place(c), r * K, tint(shade)),
            }
        }
        // Fireball on the stage.
        if let Some(ball) = f.fireball {
            let c = Vec2::new(stage_x(ball.x as f32, width), GROUND_Y + 100.0 * K);
            for k in 1..5 {
                let trail = c - Vec2::new(dir * 34.0 * k as f32, 0.0);
                p.disc(trail, 40.0 - 6.0 * k as f32, Color::srgba(1.0, 0.5, 0.1, 0.55 - 0.11 * k as f32));
            }
            p.disc(c, 62.0, mix(color, Color::srgba(1.0, 0.45, 0.1, 0.5), 0.6));
            p.disc(c, 44.0, Color::srgb(1.0, 0.6, 0.15));
            p.disc(c, 30.0, Color::srgb(1.0, 0.9, 0.4));
            p.disc(c, 14.0, Color::WHITE);
        }
        // The action, in words, under the fighter; pushed apart outward when
        // the fighters stand close.
        let other = stage_x(state.fighters[1 - i].x as f32, width);
        let (x, align) = if (other - base.x).abs() < 560.0 {
            let mid = (other + base.x) / 2.0;
            if i == 0 { (mid - 16.0, Align::Right) } else { (mid + 16.0, Align::Left) }
        } else {
            (base.x, Align::Center)
        };
        p.text(Vec2::new(x, GROUND_Y - 40.0), 34.0, fig.label.to_uppercase(), color, true, align);
    }

    // Sparks where hits landed.
    for (age, hit) in &sparks {
        let d = &state.fighters[hit.defender.index()];
        let toward = hit.defender.forward() as f32;
        let height = match hit.attack {
            Action::Punch => 130.0,
            Action::Kick => 30.0,
            _ => 100.0,
        };
        let c = Vec2::new(
            stage_x(d.x as f32 + toward * rules.body_width as f32 * 0.5, width),
            GROUND_Y + (d.y as f32 + height) * K,
        );
        let life = 1.0 - *age as f32 / 16.0;
        let (color, word) = match hit.contact {
            Contact::Hit => (Color::srgba(1.0, 0.9, 0.3, life), "HIT"),
            Contact::CounterHit => (Color::srgba(1.0, 0.3, 0.9, life), "COUNTER!"),
            Contact::Guarded => (Color::srgba(0.5, 1.0, 0.65, life), "GUARD"),
        };
        let r = 30.0 + 50.0 * (1.0 - life) + if hit.contact == Contact::CounterHit { 20.0 } else { 0.0 };
        p.disc(c, r, color);
        p.disc(c, r * 0.5, Color::srgba(1.0, 1.0, 1.0, life));
        let word = if hit.attack == Action::Throw && hit.contact != Contact::Guarded { "THROW!" } else { word };
        let rise = *age as f32 * 3.0;
        p.text(c + Vec2::new(0.0, 80.0 + rise), 44.0, word, color, true, Align::Center);
        p.text(
            c + Vec2::new(0.0, 36.0 + rise),
            32.0,
            format!("-{}", hit.damage),
            Color::srgba(1.0, 1.0, 1.0, life),
            true,
            Align::Center,
        );
    }

    // Two fireballs that met: a burst between the fighters.
    if let Some(age) = cancelled {
        let x = (state.fighters[0].x + state.fighters[1].x) as f32 / 2.0;
        let c = Vec2::new(stage_x(x, width), GROUND_Y + 100.0 * K);
        let life = 1.0 - age as f32 / 16.0;
        p.disc(c, 40.0 + 60.0 * (1.0 - life), Color::srgba(1.0, 0.55, 0.1, life));
        p.disc(c, 24.0, Color::srgba(1.0, 0.95, 0.6, life));
        p.text(
            c + Vec2::new(0.0, 90.0 + age as f32 * 3.0),
            44.0,
            "CANCELLED",
            Color::srgba(1.0, 0.7, 0.3, life),
            true,
            Align::Center,
        );
    }

    draw_hud(p, view, head, playback, state);
    draw_banner(p, view, head);
    if playback.show_panel {
        draw_panel(p, view, head);
    }
    draw_scrub_bar(p, view, head);
}

fn draw_hud(
    p: &mut Painter<'_>,
    view: &MatchView,
    head: &Playhead,
    playback: &Playback,
    state: &arena_sim::RoundState,
) {
    let replay = &view.replay;
    let rules = &replay.rules;
    let round = &view.rounds[head.round];
    // Round wins so far (including this round once it has ended on screen).
    let mut wins = round.wins_before;
    if head.tick >= round.last_tick()
        && let Some(w) = round.result.winner
    {
        wins[w.index()] += 1;
    }
    p.rect(Rect::new(-960.0, 330.0, 960.0, 540.0), palette::BAR);
    for side in Side::BOTH {
        let i = side.index();
        let s = if i == 0 { -1.0 } else { 1.0 };
        let f = &state.fighters[i];
        let bot = &replay.bots[i];
        let color = side_color(i);
        // Avatar.
        let av = Rect::from_center_size(Vec2::new(s * 880.0, 458.0), Vec2::splat(124.0));
        let avatar = AvatarRef { sha256: bot.sha256.clone(), png: playback.avatars[i].clone() };
        p.avatar(av, &avatar);
        p.frame(av.inflate(3.0), color, 5.0);
        // Name and author.
        let align = if i == 0 { Align::Left } else { Align::Right };
        let name = crate::bracket::fit(&bot.name, 50.0, 560.0);
        p.text(Vec2::new(s * 796.0, 496.0), 50.0, name, palette::TEXT, true, align);
        let author = crate::bracket::fit(&format!("by {}", bot.author), 30.0, 420.0);
        p.text(Vec2::new(s * 796.0, 450.0), 30.0, author, palette::DIM, false, align);
        // Hit points: anchored at the centre, draining outward.
        let hp = (f.hit_points.max(0) as f32 / rules.hit_points.max(1) as f32).clamp(0.0, 1.0);
        let (inner, outer) = (s * 120.0, s * 796.0);
        let bar = Rect::from_corners(Vec2::new(inner, 392.0), Vec2::new(outer, 428.0));
        p.rect(bar.inflate(4.0), Color::srgb(0.02, 0.02, 0.03));
        p.rect(bar, Color::srgb(0.35, 0.08, 0.08));
        let fill_end = inner + (outer - inner) * hp;
        let hp_color = if hp > 0.5 {
            Color::srgb(0.98, 0.86, 0.22)
        } else if hp > 0.25 {
            Color::srgb(1.0, 0.6, 0.15)
        } else {
            Color::srgb(1.0, 0.25, 0.2)
        };
        if hp > 0.0 {
            p.rect(Rect::from_corners(Vec2::new(inner, 392.0), Vec2::new(fill_end, 428.0)), hp_color);
        }
        p.text(
            Vec2::new(inner + s * 14.0, 410.0),
            30.0,
            f.hit_points.max(0).to_string(),
            Color::srgb(0.05, 0.05, 0.08),
            true,
            if i == 0 { Align::Right } else { Align::Left },
        );
        // Energy, with the fireball's cost marked.
        let e = (f.energy as f32 / rules.max_energy.max(1) as f32).clamp(0.0, 1.0);
        let ebar = Rect::from_corners(Vec2::new(inner, 352.0), Vec2::new(outer, 374.0));
        p.rect(ebar.inflate(3.0), Color::srgb(0.02, 0.02, 0.03));
        p.rect(ebar, Color::srgb(0.07, 0.12, 0.2));
        let ready = f.energy >= rules.fireball_cost;
        let ecolor = if ready { Color::srgb(0.3, 0.9, 1.0) } else { Color::srgb(0.2, 0.45, 0.75) };
        if e > 0.0 {
            p.rect(Rect::from_corners(Vec2::new(inner, 352.0), Vec2::new(inner + (outer - inner) * e, 374.0)), ecolor);
        }
        let cost = rules.fireball_cost as f32 / rules.max_energy.max(1) as f32;
        let mx = inner + (outer - inner) * cost;
        p.rect(Rect::from_center_size(Vec2::new(mx, 363.0), Vec2::new(4.0, 30.0)), Color::WHITE);
        // Round wins.
        for k in 0..rules.rounds_to_win.max(1) {
            let c = Vec2::new(s * (140.0 + 44.0 * k as f32), 316.0);
            p.disc(c, 16.0, Color::srgb(0.02, 0.02, 0.03));
            let won = k < wins[i];
            p.disc(c, 12.0, if won { palette::HIGHLIGHT } else { Color::srgb(0.2, 0.22, 0.3) });
        }
    }
    // Timer and round.
    let left = (rules.round_ticks - state.tick).max(0);
    let secs = (left + rules.ticks_per_second - 1) / rules.ticks_per_second.max(1);
    p.rect(Rect::from_center_size(Vec2::new(0.0, 440.0), Vec2::new(200.0, 150.0)), Color::srgb(0.02, 0.025, 0.04));
    p.text(
        Vec2::new(0.0, 454.0),
        96.0,
        secs.to_string(),
        if secs <= 5 { Color::srgb(1.0, 0.35, 0.3) } else { palette::TEXT },
        true,
        Align::Center,
    );
    let kind = if view.replay.kind == arena_sim::MatchKind::SuddenDeath { "SUDDEN DEATH" } else { "ROUND" };
    let label = if kind == "ROUND" { format!("ROUND {}", head.round + 1) } else { kind.to_owned() };
    p.text(Vec2::new(0.0, 386.0), 30.0, label, palette::HIGHLIGHT, true, Align::Center);
    if let Some(caption) = &playback.caption {
        let c = crate::bracket::fit(caption, 30.0, 1500.0);
        p.rect(
            Rect::from_center_size(Vec2::new(0.0, 268.0), Vec2::new(1560.0, 44.0)),
            Color::srgba(0.0, 0.0, 0.0, 0.55),
        );
        p.text(Vec2::new(0.0, 268.0), 30.0, c, palette::TEXT, false, Align::Center);
    }
}

/// "ROUND 1 · FIGHT!" at the start, "K.O." and the round's winner at the end.
fn draw_banner(p: &mut Painter<'_>, view: &MatchView, head: &Playhead) {
    let round = &view.rounds[head.round];
    let names = [&view.replay.bots[0].name, &view.replay.bots[1].name];
    let big = |p: &mut Painter<'_>, text: &str, color: Color| {
        p.rect(
            Rect::from_center_size(Vec2::new(0.0, 120.0), Vec2::new(1920.0, 170.0)),
            Color::srgba(0.0, 0.0, 0.0, 0.55),
        );
        p.text(Vec2::new(0.0, 135.0), 120.0, text.to_owned(), color, true, Align::Center);
    };
    if head.tick >= round.last_tick() {
        let r = round.result;
        let word = match (r.end, r.winner) {
            (_, None) => "DRAW",
            (RoundEnd::KnockOut, _) => "K.O.",
            (RoundEnd::TimeOut, _) => "TIME",
            (RoundEnd::Fault, _) => "FAULT",
            (RoundEnd::FirstHit, _) => "FIRST HIT",
        };
        big(p, word, palette::HIGHLIGHT);
        let last = head.round + 1 >= view.rounds.len();
        let line = match (last, view.replay.outcome.winner, r.winner) {
            (true, Some(w), _) => {
                let [a, b] = view.replay.outcome.round_wins;
                format!("{} wins the match {a}–{b}", names[w.index()])
            }
            (true, None, _) => "The match is drawn".to_owned(),
            (false, _, Some(w)) => format!("{} wins round {}", names[w.index()], head.round + 1),
            (false, _, None) => format!("Round {} is drawn", head.round + 1),
        };
        p.text(
            Vec2::new(0.0, 40.0),
            48.0,
            crate::bracket::fit(&line, 48.0, 1800.0),
            palette::TEXT,
            true,
            Align::Center,
        );
    } else if head.tick < 50 && round.last_tick() > 120 {
        let word = if view.replay.kind == arena_sim::MatchKind::SuddenDeath {
            "SUDDEN DEATH".to_owned()
        } else {
            format!("ROUND {}", head.round + 1)
        };
        big(p, &word, palette::TEXT);
    } else if head.tick < 80 && round.last_tick() > 120 {
        big(p, "FIGHT!", Color::srgb(1.0, 0.45, 0.3));
    }
}

/// The side panel: per bot, the action asked for against what was applied,
/// its log lines and faults up to this tick.
fn draw_panel(p: &mut Painter<'_>, view: &MatchView, head: &Playhead) {
    let round = &view.rounds[head.round];
    let tick = head.tick.min(round.last_tick());
    let round_no = head.round as i32 + 1;
    p.rect(Rect::new(-940.0, -452.0, 940.0, -290.0), Color::srgba(0.0, 0.0, 0.0, 0.7));
    for side in Side::BOTH {
        let i = side.index();
        let x0 = if i == 0 { -920.0 } else { 20.0 };
        let color = side_color(i);
        let asked = if tick == 0 { None } else { Some(round.inputs[tick][i]) };
        let started = tick > 0 && round.events[tick].started[i];
        let line = match asked {
            None => "asked: —".to_owned(),
            Some(Input::Act(a)) => {
                let applied = if started {
                    "started".to_owned()
                } else if a == Action::Fireball && round.states[tick - 1].fighters[i].is_actionable() {
                    "ignored (not enough energy)".to_owned()
                } else if a == Action::Idle {
                    "idle".to_owned()
                } else {
                    "ignored (busy)".to_owned()
                };
                format!("tick {tick}: asked {} → {applied}", a.name())
            }
            Some(Input::Thinking) => format!("tick {tick}: still thinking (idles)"),
            Some(Input::Fault) => format!("tick {tick}: FAULT"),
        };
        p.text(Vec2::new(x0, -312.0), 28.0, line, color, true, Align::Left);
        // Faults and logs up to now, newest last.
        let mut lines: Vec<(String, Color)> = Vec::new();
        for f in view
            .replay
            .faults
            .iter()
            .filter(|f| f.side == side && (f.round < round_no || (f.round == round_no && f.tick as usize <= tick)))
        {
            lines.push((
                format!("r{} t{} {}: {}", f.round, f.tick, fault_word(f.kind), f.message),
                Color::srgb(1.0, 0.4, 0.35),
            ));
        }
        for l in view
            .replay
            .logs
            .iter()
            .filter(|l| l.side == side && (l.round < round_no || (l.round == round_no && l.tick as usize <= tick)))
        {
            let c = if l.stream == arena_sim::LogStream::Stderr { Color::srgb(1.0, 0.75, 0.5) } else { palette::TEXT };
            lines.push((format!("r{} t{} {}", l.round, l.tick, l.text), c));
        }
        let shown = lines.len().saturating_sub(3);
        if lines.is_empty() {
            p.text(Vec2::new(x0, -352.0), 28.0, "(no log lines yet)", palette::DIM, false, Align::Left);
        }
        for (k, (text, c)) in lines.into_iter().skip(shown).enumerate() {
            let t = crate::bracket::fit(&text, 28.0, 880.0);
            p.text(Vec2::new(x0, -352.0 - 34.0 * k as f32), 28.0, t, c, false, Align::Left);
        }
    }
}

fn fault_word(kind: FaultKind) -> &'static str {
    kind.name()
}

fn draw_scrub_bar(p: &mut Painter<'_>, view: &MatchView, head: &Playhead) {
    let bar = scrub_bar_rect();
    let total = view.timeline_len().max(1) as f32;
    let mut x = bar.min.x;
    for (i, r) in view.rounds.iter().enumerate() {
        let w = bar.width() * r.states.len() as f32 / total;
        let c = if i % 2 == 0 { Color::srgb(0.3, 0.33, 0.45) } else { Color::srgb(0.22, 0.25, 0.35) };
        p.rect(Rect::new(x, bar.min.y, x + w, bar.max.y), c);
        p.rect(Rect::new(x - 2.0, bar.min.y - 10.0, x + 2.0, bar.max.y + 10.0), palette::TEXT);
        p.text(Vec2::new(x + 8.0, bar.max.y + 22.0), 28.0, format!("R{}", i + 1), palette::DIM, false, Align::Left);
        x += w;
    }
    let fx = bar.min.x + bar.width() * head.fraction(view);
    p.rect(Rect::new(bar.min.x, bar.min.y, fx, bar.max.y), Color::srgb(0.95, 0.75, 0.25));
    p.rect(Rect::from_center_size(Vec2::new(fx, bar.center().y), Vec2::new(10.0, 40.0)), Color::WHITE);
    // Status line.
    let round = &view.rounds[head.round];
    let state = if head.paused { "■ PAUSED" } else { "▶ playing" };
    let status = format!(
        "{state} · {} · round {} of {} · tick {} / {}",
        speed_text(head),
        head.round + 1,
        view.rounds.len(),
        head.tick,
        round.last_tick()
    );
    p.text(Vec2::new(-920.0, -520.0), 28.0, status, palette::TEXT, false, Align::Left);
    p.text(
        Vec2::new(920.0, -520.0),
        28.0,
        "space · ←→ step · [ ] speed · 1-5 round · Tab panel",
        palette::DIM,
        false,
        Align::Right,
    );
}

/// Syncs the display list onto the pooled entities.
#[allow(clippy::type_complexity)]
fn sync_pools(
    mut commands: Commands,
    list: Res<DisplayList>,
    scale: Res<ViewScale>,
    assets: Res<ViewerAssets>,
    mut pools: ResMut<Pools>,
    mut quads: Query<(&mut Sprite, &mut Transform, &mut Visibility), (With<PoolQuad>, Without<PoolText>)>,
    mut texts: Query<
        (&mut Text2d, &mut TextFont, &mut TextColor, &mut Anchor, &mut Transform, &mut Visibility),
        (With<PoolText>, Without<PoolQuad>),
    >,
) {
    let s = scale.0;
    let (mut qi, mut ti) = (0usize, 0usize);
    for (z, shape) in list.shapes.iter().enumerate() {
        let zf = z as f32 * 0.01;
        match shape {
            Shape::Quad { center, size, rotation, color, image } => {
                let handle = match image {
                    Img::Solid => Handle::default(),
                    Img::Disc => assets.disc.clone(),
                    Img::Picture(h) => h.clone(),
                };
                let transform =
                    Transform::from_xyz(center.x, center.y, zf).with_rotation(Quat::from_rotation_z(*rotation));
                if qi < pools.quads.len() {
                    if let Ok((mut sprite, mut t, mut vis)) = quads.get_mut(pools.quads[qi]) {
                        if sprite.image != handle || sprite.color != *color || sprite.custom_size != Some(*size) {
                            sprite.image = handle;
                            sprite.color = *color;
                            sprite.custom_size = Some(*size);
                        }
                        if *t != transform {
                            *t = transform;
                        }
                        vis.set_if_neq(Visibility::Inherited);
                    }
                } else {
                    let e = commands
                        .spawn((
                            PoolQuad,
                            Sprite { image: handle, color: *color, custom_size: Some(*size), ..default() },
                            transform,
                        ))
                        .id();
                    pools.quads.push(e);
                }
                qi += 1;
            }
            Shape::Text { pos, size, text, color, bold, align } => {
                let font = TextFont {
                    font: FontSource::Handle(if *bold { assets.bold.clone() } else { assets.regular.clone() }),
                    font_size: FontSize::Px((size * s).round().max(1.0)),
                    weight: if *bold { FontWeight::BOLD } else { FontWeight::NORMAL },
                    ..default()
                };
                let anchor = match align {
                    Align::Left => Anchor::CENTER_LEFT,
                    Align::Center => Anchor::CENTER,
                    Align::Right => Anchor::CENTER_RIGHT,
                };
                let transform = Transform::from_xyz(pos.x, pos.y, zf).with_scale(Vec3::splat(1.0 / s));
                if ti < pools.texts.len() {
                    if let Ok((mut t2, mut f, mut c, mut a, mut t, mut vis)) = texts.get_mut(pools.texts[ti]) {
                        if t2.0 != *text {
                            t2.0.clone_from(text);
                        }
                        if f.font != font.font || f.font_size != font.font_size || f.weight != font.weight {
                            *f = font;
                        }
                        c.set_if_neq(TextColor(*color));
                        a.set_if_neq(anchor);
                        if *t != transform {
                            *t = transform;
                        }
                        vis.set_if_neq(Visibility::Inherited);
                    }
                } else {
                    let e = commands
                        .spawn((PoolText, Text2d::new(text.clone()), font, TextColor(*color), anchor, transform))
                        .id();
                    pools.texts.push(e);
                }
                ti += 1;
            }
        }
    }
    for &e in pools.quads.iter().skip(qi) {
        if let Ok((_, _, mut vis)) = quads.get_mut(e) {
            vis.set_if_neq(Visibility::Hidden);
        }
    }
    for &e in pools.texts.iter().skip(ti) {
        if let Ok((.., mut vis)) = texts.get_mut(e) {
            vis.set_if_neq(Visibility::Hidden);
        }
    }
}

/// A bot's avatar path given on the command line, by side.
pub type Avatars = [Option<PathBuf>; 2];
