//! The viewer's systems without a renderer: `MinimalPlugins`, manual time,
//! `app.update()`. Playback timing, pause and step, scrubbing, keys, the
//! live show's reveal order, following `state.json`, and bad files turning
//! into on-screen messages.

use std::path::{Path, PathBuf};
use std::time::Duration;

use arena_sim::{Guarder, Jumper, Rules, native_identity, play_match};
use arena_tournament::Format;
use arena_viewer::fixture::{SampleOptions, sample};
use arena_viewer::live::{POLL_EVERY, ShowPhase};
use arena_viewer::{
    Live, LivePlugin, Mode, Notices, PlayCommand, Playback, PlaybackCommand, Show, ShowCommand, logic_plugins,
};
use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

/// One frame at 60 frames a second.
const FRAME: Duration = Duration::from_nanos(16_666_667);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arena-viewer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A replay whose rounds run the full 1800 ticks (a jumper that never
/// attacks against a fighter that only guards: five drawn rounds).
fn long_replay(dir: &Path) -> PathBuf {
    let replay = play_match(
        &Rules::default(),
        11,
        [&mut Jumper::default(), &mut Guarder],
        [native_identity("jumper"), native_identity("guarder")],
    )
    .unwrap();
    assert_eq!(replay.rounds[0].inputs.len(), 1800);
    let path = dir.join("long.replay");
    std::fs::write(&path, replay.to_bytes()).unwrap();
    path
}

fn base_app(frame: Duration) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(frame));
    app.init_resource::<ButtonInput<KeyCode>>();
    app
}

fn replay_app(path: &Path) -> App {
    let mut app = base_app(FRAME);
    logic_plugins(&mut app, &Mode::Replay { path: path.to_owned(), avatars: [None, None] });
    app.update();
    app
}

fn position(app: &App) -> usize {
    let p = app.world().resource::<Playback>();
    p.view.as_ref().unwrap().to_position(p.head.round, p.head.tick)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    {
        let mut input = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        for &k in keys {
            input.press(k);
        }
    }
    app.update();
    let mut input = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    input.release_all();
    input.clear();
}

fn send(app: &mut App, command: PlaybackCommand) {
    app.world_mut().write_message(command);
    app.update();
}

#[test]
fn playback_runs_sixty_ticks_a_second_at_every_speed() {
    let dir = temp_dir("speeds");
    let path = long_replay(&dir);
    for (exp, expected) in [(-2, 15), (-1, 30), (0, 60), (1, 120), (2, 240), (3, 480)] {
        let mut app = replay_app(&path);
        app.world_mut().resource_mut::<Playback>().head.set_speed_exp(exp);
        let start = position(&app);
        for _ in 0..60 {
            app.update();
        }
        let moved = position(&app) - start;
        assert_eq!(moved, expected, "one second at 2^{exp}× should move {expected} ticks");
        assert_eq!(app.world().resource::<Playback>().head.speed(), 2f32.powi(exp));
    }
}

#[test]
fn speed_keys_halve_and_double_between_a_quarter_and_eight() {
    let dir = temp_dir("speed-keys");
    let mut app = replay_app(&long_replay(&dir));
    for _ in 0..6 {
        press(&mut app, &[KeyCode::BracketRight]);
    }
    assert_eq!(app.world().resource::<Playback>().head.speed(), 8.0);
    press(&mut app, &[KeyCode::BracketLeft]);
    assert_eq!(app.world().resource::<Playback>().head.speed(), 4.0);
    for _ in 0..8 {
        press(&mut app, &[KeyCode::BracketLeft]);
    }
    assert_eq!(app.world().resource::<Playback>().head.speed(), 0.25);
}

#[test]
fn pause_holds_still_and_arrows_step_a_tick_or_a_second() {
    let dir = temp_dir("pause");
    let mut app = replay_app(&long_replay(&dir));
    for _ in 0..30 {
        app.update();
    }
    press(&mut app, &[KeyCode::Space]);
    assert!(app.world().resource::<Playback>().head.paused);
    let at = position(&app);
    for _ in 0..120 {
        app.update();
    }
    assert_eq!(position(&app), at, "paused playback must not move");
    press(&mut app, &[KeyCode::ArrowRight]);
    assert_eq!(position(&app), at + 1);
    press(&mut app, &[KeyCode::ArrowLeft]);
    press(&mut app, &[KeyCode::ArrowLeft]);
    assert_eq!(position(&app), at - 1);
    press(&mut app, &[KeyCode::ShiftLeft, KeyCode::ArrowRight]);
    assert_eq!(position(&app), at + 59);
    press(&mut app, &[KeyCode::ShiftLeft, KeyCode::ArrowLeft]);
    assert_eq!(position(&app), at - 1);
    press(&mut app, &[KeyCode::Space]);
    assert!(!app.world().resource::<Playback>().head.paused);
    assert_eq!(position(&app), at, "playing again moves one tick a frame");
}

#[test]
fn scrubbing_and_round_jumps_land_where_asked() {
    let dir = temp_dir("scrub");
    let mut app = replay_app(&long_replay(&dir));
    let view = app.world().resource::<Playback>().view.clone().unwrap();
    assert!(view.rounds.len() >= 2);
    let max = view.timeline_len() - 1;
    send(&mut app, PlaybackCommand::Play(PlayCommand::Seek(0.5)));
    let half = (0.5 * max as f32).round() as usize;
    // Playback runs on after the seek: at most one frame's tick later.
    assert!((half..=half + 1).contains(&position(&app)), "{} vs {half}", position(&app));
    press(&mut app, &[KeyCode::Space]);
    send(&mut app, PlaybackCommand::Play(PlayCommand::Seek(1.0)));
    assert_eq!(position(&app), max);
    assert!(app.world().resource::<Playback>().head.at_end(&view));
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(position(&app), 0);
    press(&mut app, &[KeyCode::Digit2]);
    let head = app.world().resource::<Playback>().head.clone();
    assert_eq!((head.round, head.tick), (1, 0));
    press(&mut app, &[KeyCode::PageUp]);
    assert_eq!(app.world().resource::<Playback>().head.round, 0);
    press(&mut app, &[KeyCode::PageDown]);
    assert_eq!(app.world().resource::<Playback>().head.round, 1);
    press(&mut app, &[KeyCode::End]);
    assert_eq!(position(&app), max);
    // Stepping back across a round boundary.
    send(&mut app, PlaybackCommand::Play(PlayCommand::Round(1)));
    send(&mut app, PlaybackCommand::Play(PlayCommand::Step(-1)));
    let head = app.world().resource::<Playback>().head.clone();
    assert_eq!((head.round, head.tick), (0, view.rounds[0].last_tick()));
}

#[test]
fn a_round_ends_with_a_pause_then_the_next_round_starts() {
    let dir = temp_dir("round-end");
    let mut app = replay_app(&long_replay(&dir));
    let view = app.world().resource::<Playback>().view.clone().unwrap();
    press(&mut app, &[KeyCode::Space]); // pause
    send(&mut app, PlaybackCommand::Play(PlayCommand::Round(1)));
    send(&mut app, PlaybackCommand::Play(PlayCommand::Step(-1)));
    press(&mut app, &[KeyCode::Space]); // play
    // Two seconds of rest on the final state of round 1 ...
    for _ in 0..110 {
        app.update();
    }
    let head = app.world().resource::<Playback>().head.clone();
    assert_eq!((head.round, head.tick), (0, view.rounds[0].last_tick()));
    // ... then round 2 from its first tick.
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(app.world().resource::<Playback>().head.round, 1);
}

#[test]
fn the_panel_toggles_with_tab() {
    let dir = temp_dir("panel");
    let mut app = replay_app(&long_replay(&dir));
    assert!(!app.world().resource::<Playback>().show_panel);
    press(&mut app, &[KeyCode::Tab]);
    assert!(app.world().resource::<Playback>().show_panel);
}

#[test]
fn a_corrupt_or_cut_replay_is_a_message_not_a_crash() {
    let dir = temp_dir("corrupt");
    let good = std::fs::read(long_replay(&dir)).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("garbage.replay", b"this is not a replay".to_vec(), "not an Arena replay"),
        ("cut.replay", good[..good.len() / 2].to_vec(), "checksum"),
        ("empty.replay", Vec::new(), "empty"),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut app = replay_app(&path);
        for _ in 0..10 {
            app.update();
        }
        let text = app.world().resource::<Notices>().text();
        assert!(text.contains("Cannot play the replay"), "{name}: {text}");
        assert!(text.to_lowercase().contains(&needle.to_lowercase()), "{name}: {text}");
        assert!(app.world().resource::<Playback>().view.is_none());
        // The keys do nothing harmful without a replay.
        press(&mut app, &[KeyCode::Space]);
        press(&mut app, &[KeyCode::ArrowRight]);
    }
    let mut app = replay_app(&dir.join("missing.replay"));
    app.update();
    assert!(app.world().resource::<Notices>().text().contains("Cannot open the replay"));
}

// ------------------------------------------------------------------ live --

fn sample_dir(name: &str, entrants: usize, matches: Option<usize>) -> PathBuf {
    let dir = temp_dir(name);
    write_sample(&dir, entrants, matches);
    dir
}

fn write_sample(dir: &Path, entrants: usize, matches: Option<usize>) -> arena_live::LiveState {
    let options = SampleOptions {
        format: Format::SingleElimination,
        entrants,
        best_of: 1,
        matches,
        simulate: true,
        name: "Test cup".to_owned(),
    };
    sample(&options, Some(dir)).unwrap()
}

/// A live app on fast frames (a quarter second each, playback at 8×).
fn live_app(dir: &Path) -> App {
    let mut app = base_app(Duration::from_millis(250));
    app.add_plugins(arena_viewer::PlaybackPlugin);
    app.add_plugins(LivePlugin { dir: dir.to_owned(), watch: false, skip_finished: false });
    app.world_mut().resource_mut::<Playback>().head.set_speed_exp(3);
    app.update();
    app
}

fn playing(app: &App) -> Option<String> {
    app.world().resource::<Show>().playing().map(str::to_owned)
}

/// Runs frames until `done` or `limit` frames, noting each match that
/// starts playing.
fn run_show(app: &mut App, limit: usize, started: &mut Vec<String>, done: impl Fn(&App) -> bool) {
    for _ in 0..limit {
        app.update();
        if let Some(id) = playing(app)
            && started.last() != Some(&id)
        {
            started.push(id);
        }
        if done(app) {
            return;
        }
    }
    panic!("the show did not get there in {limit} frames; started {started:?}");
}

#[test]
fn the_show_reveals_finished_matches_one_at_a_time_in_bracket_order() {
    let dir = sample_dir("reveal", 4, None);
    let state = arena_live::read(&dir).unwrap();
    let order: Vec<String> = state
        .tournament
        .matches()
        .iter()
        .filter(|m| m.status == arena_tournament::MatchStatus::Finished)
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(order.len(), 3);
    let mut app = live_app(&dir);
    // Nothing is shown before the bracket has been up for a while.
    assert!(app.world().resource::<Show>().revealed.is_empty());
    assert!(playing(&app).is_none());
    let mut started = Vec::new();
    let mut revealed_sizes = vec![0];
    for _ in 0..4000 {
        app.update();
        if let Some(id) = playing(&app)
            && started.last() != Some(&id)
        {
            // A match starts only after the one before it has been revealed.
            assert_eq!(app.world().resource::<Show>().revealed.len(), started.len());
            started.push(id);
        }
        let n = app.world().resource::<Show>().revealed.len();
        if n != *revealed_sizes.last().unwrap() {
            assert_eq!(n, revealed_sizes.last().unwrap() + 1, "one match at a time");
            revealed_sizes.push(n);
        }
        if n == 3 {
            break;
        }
    }
    assert_eq!(started, order, "matches play in bracket order");
    let show = app.world().resource::<Show>();
    assert!(matches!(show.phase, ShowPhase::Bracket { .. }));
    assert_eq!(show.last_shown.as_deref(), Some(order[2].as_str()));
}

#[test]
fn a_new_state_json_is_picked_up_and_its_match_shown() {
    let dir = sample_dir("follow", 4, Some(1));
    let mut app = live_app(&dir);
    let mut started = Vec::new();
    run_show(&mut app, 2000, &mut started, |app| app.world().resource::<Show>().revealed.len() == 1);
    let generation = app.world().resource::<Live>().generation;
    // Nothing more to show: the bracket stays up.
    for _ in 0..40 {
        app.update();
    }
    assert!(playing(&app).is_none());
    // The runner finishes another match and rewrites state.json.
    write_sample(&dir, 4, Some(2));
    let polls = (POLL_EVERY.as_millis() / 250) as usize + 1;
    for _ in 0..polls {
        app.update();
    }
    assert_eq!(app.world().resource::<Live>().generation, generation + 1);
    run_show(&mut app, 2000, &mut started, |app| app.world().resource::<Show>().revealed.len() == 2);
    assert_eq!(started.len(), 2);
}

#[test]
fn a_file_event_wakes_the_viewer_without_polling() {
    let dir = sample_dir("notify", 4, Some(1));
    // Frames that take no time: the poll never comes due again after the
    // first read, so only a file event can make the viewer read once more.
    let mut app = base_app(Duration::ZERO);
    app.add_plugins(arena_viewer::PlaybackPlugin);
    app.add_plugins(LivePlugin { dir: dir.clone(), watch: true, skip_finished: false });
    app.update();
    let generation = app.world().resource::<Live>().generation;
    assert_eq!(generation, 1, "the first state is read at once");
    write_sample(&dir, 4, Some(2));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while app.world().resource::<Live>().generation == generation {
        assert!(std::time::Instant::now() < deadline, "no file event made the viewer read state.json again");
        std::thread::yield_now();
        app.update();
    }
}

#[test]
fn a_half_written_state_json_keeps_the_last_good_state_with_a_message() {
    let dir = sample_dir("half", 4, Some(1));
    let mut app = live_app(&dir);
    assert!(app.world().resource::<Live>().state.is_some());
    let generation = app.world().resource::<Live>().generation;
    let full = serde_json::to_vec_pretty(&write_sample(&temp_dir("half-src"), 4, Some(2))).unwrap();
    // A copy caught half way (a writer that does not rename atomically).
    std::fs::write(dir.join("state.json"), &full[..full.len() / 2]).unwrap();
    for _ in 0..4 {
        app.update();
    }
    let text = app.world().resource::<Notices>().text();
    assert!(text.contains("could not be read") && text.contains("last good state"), "{text}");
    let live = app.world().resource::<Live>();
    assert_eq!(live.generation, generation);
    assert_eq!(live.state.as_ref().unwrap().finished_order.len(), 1);
    // The next complete write clears the message.
    std::fs::write(dir.join("state.json"), &full).unwrap();
    for _ in 0..4 {
        app.update();
    }
    assert!(app.world().resource::<Notices>().is_empty());
    assert_eq!(app.world().resource::<Live>().state.as_ref().unwrap().finished_order.len(), 2);
}

#[test]
fn garbage_or_missing_state_json_waits_with_a_message() {
    let dir = temp_dir("garbage");
    let mut app = live_app(&dir);
    for _ in 0..4 {
        app.update();
    }
    assert!(app.world().resource::<Notices>().text().contains("Waiting for"));
    std::fs::write(dir.join("state.json"), "\u{0}\u{1}not json at all").unwrap();
    for _ in 0..4 {
        app.update();
    }
    let text = app.world().resource::<Notices>().text();
    assert!(text.contains("could not be read"), "{text}");
    assert!(app.world().resource::<Live>().state.is_none());
    // Once a good state arrives the show starts.
    let state = write_sample(&temp_dir("garbage-src"), 4, Some(1));
    let mut state = state;
    // Its replays live in the other directory; point them there.
    for files in state.games.values_mut() {
        for f in files {
            f.replay = temp_dir_path("garbage-src").join(&f.replay).display().to_string();
        }
    }
    arena_live::write(&dir, &state).unwrap();
    let mut started = Vec::new();
    run_show(&mut app, 200, &mut started, |app| playing(app).is_some());
    assert!(app.world().resource::<Notices>().is_empty());
}

fn temp_dir_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("arena-viewer-{}-{name}", std::process::id()))
}

#[test]
fn a_replay_that_cannot_be_played_is_skipped_with_a_message() {
    let dir = sample_dir("bad-replay", 4, Some(2));
    let state = arena_live::read(&dir).unwrap();
    let first = &state.finished_order[0];
    let file = &state.games[first][0].replay;
    std::fs::write(dir.join(file), b"ARENARPL broken").unwrap();
    let mut app = live_app(&dir);
    let mut started = Vec::new();
    run_show(&mut app, 400, &mut started, |app| {
        !app.world().resource::<Notices>().is_empty() && app.world().resource::<Show>().revealed.len() == 1
    });
    let text = app.world().resource::<Notices>().text();
    assert!(text.contains("Cannot play the replay") && text.contains("Skipping game 1"), "{text}");
    // The show goes on with the next match.
    run_show(&mut app, 2000, &mut started, |app| app.world().resource::<Show>().revealed.len() == 2);
}

#[test]
fn the_operator_can_jump_to_any_match_replay_it_and_go_back() {
    let dir = sample_dir("operator", 4, None);
    let mut app = live_app(&dir);
    let state = arena_live::read(&dir).unwrap();
    let last = state.finished_order.last().unwrap().clone();
    app.world_mut().write_message(ShowCommand::Play(last.clone()));
    app.update();
    assert_eq!(playing(&app).as_deref(), Some(last.as_str()));
    for _ in 0..5 {
        app.update();
    }
    let before = position(&app);
    assert!(before > 0);
    app.world_mut().write_message(ShowCommand::ReplayAgain);
    app.update();
    assert!(position(&app) < before, "replay again starts over");
    press(&mut app, &[KeyCode::Escape]);
    let show = app.world().resource::<Show>();
    assert!(show.playing().is_none() && show.paused);
    assert!(show.revealed.contains(&last));
    // Paused: the show stays on the bracket.
    for _ in 0..100 {
        app.update();
    }
    assert!(playing(&app).is_none());
    // Arrows pick a match, Enter plays it.
    press(&mut app, &[KeyCode::ArrowRight]);
    let cursor = app.world().resource::<Show>().cursor.clone().unwrap();
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(playing(&app), Some(cursor));
    // N skips to the result; the next match follows unpaused.
    press(&mut app, &[KeyCode::KeyN]);
    assert!(playing(&app).is_none());
    assert!(app.world().resource::<Show>().revealed.len() >= 2);
}

#[test]
fn skip_finished_starts_with_the_bracket_as_it_stands() {
    let dir = sample_dir("skip", 4, Some(2));
    let mut app = base_app(Duration::from_millis(250));
    app.add_plugins(arena_viewer::PlaybackPlugin);
    app.add_plugins(LivePlugin { dir: dir.clone(), watch: false, skip_finished: true });
    for _ in 0..60 {
        app.update();
    }
    assert_eq!(app.world().resource::<Show>().revealed.len(), 2);
    assert!(playing(&app).is_none());
}
