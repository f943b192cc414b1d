//! Real rendering, offscreen (no window, no X server): a replay frame and a
//! live bracket through the screenshot path, checked for real content.
//!
//! Needs a Vulkan driver; on a machine without a GPU, Mesa's lavapipe
//! (`apt-get install mesa-vulkan-drivers libvulkan1`).

use std::path::PathBuf;

use arena_sim::{Approacher, Rules, native_identity, play_match};
use arena_tournament::Format;
use arena_viewer::fixture::{SampleOptions, sample};
use arena_viewer::screenshot::{Shot, render};
use bevy::math::UVec2;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arena-viewer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Pixels {
    w: u32,
    h: u32,
    data: Vec<u8>,
}

impl Pixels {
    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.w + x) * 4) as usize;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }
    fn count(&self, x0: u32, x1: u32, y0: u32, y1: u32, f: impl Fn([u8; 3]) -> bool) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.h) {
            for x in x0..x1.min(self.w) {
                if f(self.at(x, y)) {
                    n += 1;
                }
            }
        }
        n
    }
    fn distinct(&self) -> usize {
        let mut set = std::collections::BTreeSet::new();
        for p in self.data.chunks(4) {
            set.insert([p[0] / 8, p[1] / 8, p[2] / 8]);
        }
        set.len()
    }
}

fn near(p: [u8; 3], q: [u8; 3], tol: i32) -> bool {
    p.iter().zip(q).all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= tol)
}

fn pixels(shot: &Shot, size: UVec2) -> Pixels {
    let img = render(shot, size).unwrap();
    assert_eq!((img.width(), img.height()), (size.x, size.y));
    let data = img.data.clone().expect("the frame has pixels");
    Pixels { w: size.x, h: size.y, data }
}

#[test]
fn a_replay_frame_and_a_live_bracket_render_with_real_content() {
    // --- a replay frame: both fighters on the stage, where the state says.
    let dir = temp_dir("render");
    let replay = play_match(
        &Rules::default(),
        3,
        [&mut Approacher::walker_puncher(), &mut Approacher::kicker()],
        [native_identity("puncher"), native_identity("kicker")],
    )
    .unwrap();
    let path = dir.join("m.replay");
    std::fs::write(&path, replay.to_bytes()).unwrap();
    // A tick where both fighters show their own colours (not the white
    // flash of a fresh hit).
    let states = replay.round_states(0).unwrap();
    let tick = (30..states.len())
        .find(|&t| {
            states[t].fighters.iter().all(|f| matches!(f.activity, arena_sim::Activity::Attack { .. }))
                || states[t].fighters.iter().all(|f| f.activity == arena_sim::Activity::Neutral)
        })
        .unwrap();
    let state = states[tick];
    let size = UVec2::new(960, 540);
    // The left bot has a PNG avatar (pure magenta); the right one gets an
    // identicon.
    let avatar = dir.join("left.png");
    image::RgbaImage::from_pixel(16, 16, image::Rgba([255, 0, 255, 255])).save(&avatar).unwrap();
    let shot = Shot::Replay { path, round: 1, tick, panel: true, avatars: [Some(avatar), None] };
    let px = pixels(&shot, size);
    assert!(px.distinct() > 40, "the frame is nearly blank ({} colours)", px.distinct());
    // World to pixel at this size: half scale, origin at the centre.
    let s = 0.5;
    let col = |wx: f32| (480.0 + wx * s) as i32;
    let row = |wy: f32| (270.0 - wy * s) as u32;
    let (top, ground) = (row(330.0), row(-230.0));
    let width = 1000.0;
    let left_orange = |p: [u8; 3]| p[0] > 190 && (50..200).contains(&p[1]) && p[2] < 130;
    let right_blue = |p: [u8; 3]| p[2] > 190 && p[0] < 130;
    for (i, is_colour) in [(0usize, &left_orange as &dyn Fn([u8; 3]) -> bool), (1, &right_blue)] {
        let x = col((state.fighters[i].x as f32 - width / 2.0) * 1.7);
        let band = 110;
        let inside = px.count((x - band).max(0) as u32, (x + band) as u32, top, ground, is_colour);
        assert!(inside > 150, "fighter {i} not drawn at its x ({inside} pixels of its colour)");
    }
    // The background around the fighters is still the stage, not one flat fill.
    let bg = px.at(5, row(0.0));
    let stage_pixels = px.count(0, 960, top, ground, |p| !near(p, bg, 6));
    assert!(stage_pixels > 3000, "the stage is empty ({stage_pixels})");
    // The avatar PNG is drawn top left (the HUD's avatar square).
    let magenta = px.count(0, 120, 0, 120, |p| p[0] > 240 && p[1] < 20 && p[2] > 240);
    assert!(magenta > 1500, "the left bot's PNG avatar is not shown ({magenta})");
    // The HUD has hit-point bars (yellow) and text (near white).
    let yellow = px.count(0, 960, 0, top, |p| p[0] > 220 && p[1] > 190 && p[2] < 100);
    assert!(yellow > 1000, "no hit-point bars ({yellow})");
    let white = px.count(0, 960, 0, 540, |p| p.iter().all(|c| *c > 225));
    assert!(white > 300, "no text ({white})");

    // --- a live bracket.
    let live = temp_dir("render-live");
    let options = SampleOptions {
        format: Format::DoubleElimination { grand_final_reset: true },
        entrants: 8,
        best_of: 3,
        matches: Some(9),
        simulate: false,
        name: "Render cup".into(),
    };
    sample(&options, Some(&live)).unwrap();
    let px = pixels(&Shot::Live { dir: live, page: None }, size);
    assert!(px.distinct() > 30, "the bracket is nearly blank");
    let bg = px.at(480, 270 + 250);
    let boxes = px.count(0, 960, 60, 500, |p| near(p, [28, 34, 51], 6));
    assert!(boxes > 5000, "no match boxes ({boxes}); background {bg:?}");
    let highlight = px.count(0, 960, 0, 540, |p| p[0] > 230 && p[1] > 180 && p[2] < 90);
    assert!(highlight > 100, "the shown match is not highlighted ({highlight})");
    let text = px.count(0, 960, 50, 500, |p| p.iter().all(|c| *c > 220));
    assert!(text > 500, "no names on the bracket ({text})");
}
