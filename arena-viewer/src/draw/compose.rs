//! Each frame's display list: the bracket between matches, the fight while
//! one plays, and the notices over either.

use arena_scene::{Color, Decor, Painter, Rect, Vec2, draw_match};
use bevy::prelude::{Res, ResMut};

use crate::bracket::{Align, palette};
use crate::live::{Live, Show};
use crate::playback::{Notices, Playback};

use super::bracket::{BracketCache, draw_bracket};
use super::painter::DisplayList;

/// Builds this frame's display list.
pub(super) fn compose(
    playback: Res<Playback>,
    notices: Res<Notices>,
    live: Option<Res<Live>>,
    show: Option<Res<Show>>,
    mut cache: ResMut<BracketCache>,
    mut list: ResMut<DisplayList>,
) {
    let mut p = Painter::with_capacity(list.shapes.len());
    let on_bracket = match (&live, &show) {
        (Some(_), Some(show)) => show.playing().is_none(),
        _ => false,
    };
    if on_bracket {
        if let (Some(live), Some(show)) = (&live, &show) {
            draw_bracket(&mut p, live, show, &mut cache, &playback);
        }
    } else if let Some(view) = &playback.view {
        let decor = Decor {
            avatars: playback.avatars.clone(),
            caption: playback.caption.clone(),
            show_panel: playback.show_panel,
        };
        draw_match(&mut p, view, &playback.head, &decor);
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
