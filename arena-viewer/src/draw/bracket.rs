//! The bracket screen between matches: the title bar, the laid-out page
//! (kept until what it shows changes), and the footer saying what comes
//! next.

use arena_live::LiveState;
use arena_scene::fight::speed_text;
use arena_scene::{Painter, Rect, Vec2};
use bevy::prelude::Resource;

use crate::bracket::{Align, Reveal, Scene, layout_page, pages, palette};
use crate::live::{Live, Show};
use crate::playback::Playback;

/// What a laid-out bracket page depends on: state generation, matches
/// shown, highlight, cursor, page.
type BracketKey = (u64, usize, Option<String>, Option<String>, usize);

#[derive(Resource, Default)]
pub(super) struct BracketCache {
    key: Option<BracketKey>,
    scene: Scene,
}

pub(super) fn draw_bracket(p: &mut Painter, live: &Live, show: &Show, cache: &mut BracketCache, playback: &Playback) {
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
