//! Live mode: following a tournament's `state.json`, and the show that
//! reveals its finished matches one at a time.
//!
//! The runner rewrites `DIR/state.json` atomically after every match.
//! [`follow_state_file`] notices (the notify crate, with polling as a
//! fallback), reads the whole file, and keeps the last good state when a
//! read fails: a half-written or damaged file becomes an on-screen message,
//! never a crash.
//!
//! The [`Show`] walks the finished matches in bracket order (the
//! tournament's canonical match order): the bracket with the next match
//! highlighted, then each game of that match in replay mode, then the
//! bracket again with the result filled in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arena_live::{LiveState, STATE_FILE};
use arena_tournament::{MatchRecord, MatchStatus};
use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;
use bevy::prelude::*;

use crate::bracket::{Page, page_of, pages};
use crate::playback::{Notices, Playback, PlaybackSystems};

/// The notice key for problems reading `state.json`.
pub const STATE_NOTICE: &str = "state";
/// The notice key for a replay of the show that cannot be played.
pub const REPLAY_NOTICE: &str = "replay";
/// How often `state.json` is read when no file event arrives.
pub const POLL_EVERY: Duration = Duration::from_millis(500);
/// How long the bracket stays on screen between two matches.
pub const BRACKET_DWELL: Duration = Duration::from_secs(5);
/// How long the last tick of a game stays on screen before the next game,
/// in presentation ticks (scaled by the playback speed).
pub const GAME_END_HOLD_TICKS: u32 = 150;

struct Watcher {
    _watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
}

/// The tournament being followed.
#[derive(Resource)]
pub struct Live {
    /// The tournament's output directory.
    pub dir: PathBuf,
    /// The last good state read, if any.
    pub state: Option<Arc<LiveState>>,
    /// Bumped every time a new state is read.
    pub generation: u64,
    last_bytes: Option<Vec<u8>>,
    since_poll: Duration,
    watcher: Option<Mutex<Watcher>>,
}

impl Live {
    /// Follows `dir/state.json`; with `watch`, file events from the notify
    /// crate wake it up at once (it polls every [`POLL_EVERY`] either way).
    pub fn new(dir: impl Into<PathBuf>, watch: bool) -> Self {
        let dir = dir.into();
        let watcher = if watch { start_watcher(&dir).map(Mutex::new) } else { None };
        Self { dir, state: None, generation: 0, last_bytes: None, since_poll: POLL_EVERY, watcher }
    }

    /// A live view of a state already read (the screenshot command).
    pub fn with_state(dir: impl Into<PathBuf>, state: LiveState) -> Self {
        let mut live = Self::new(dir, false);
        live.state = Some(Arc::new(state));
        live.generation = 1;
        live
    }

    /// The path of `state.json`.
    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Reads `state.json` now if it changed. Returns whether a new state was
    /// taken.
    pub fn read_now(&mut self, notices: &mut Notices) -> bool {
        let path = self.state_path();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                notices.set(
                    STATE_NOTICE,
                    format!("Waiting for {}: has `arena tournament run` started there?", path.display()),
                );
                return false;
            }
            Err(e) => {
                notices.set(STATE_NOTICE, format!("Cannot read {}: {e}.", path.display()));
                return false;
            }
        };
        if self.last_bytes.as_deref() == Some(bytes.as_slice()) {
            return false;
        }
        let parsed = arena_live::parse(&bytes);
        self.last_bytes = Some(bytes);
        match parsed {
            Ok(state) => {
                self.state = Some(Arc::new(state));
                self.generation += 1;
                notices.clear(STATE_NOTICE);
                true
            }
            Err(message) => {
                let keep = if self.state.is_some() { " Still showing the last good state." } else { "" };
                notices.set(
                    STATE_NOTICE,
                    format!(
                        "{} could not be read ({}).{keep} Waiting for the next update.",
                        path.display(),
                        shorten(&message, 160)
                    ),
                );
                false
            }
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_owned() } else { s.chars().take(max).chain("…".chars()).collect() }
}

fn start_watcher(dir: &Path) -> Option<Watcher> {
    use notify::Watcher as _;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).ok()?;
    watcher.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    Some(Watcher { _watcher: watcher, events: rx })
}

/// Reads `state.json` when a file event says it changed, or every
/// [`POLL_EVERY`].
pub fn follow_state_file(time: Res<Time>, mut live: ResMut<Live>, mut notices: ResMut<Notices>) {
    live.since_poll += time.delta();
    let mut due = live.since_poll >= POLL_EVERY;
    if let Some(w) = &live.watcher
        && let Ok(w) = w.lock()
    {
        while let Ok(event) = w.events.try_recv() {
            if let Ok(event) = event
                && event.paths.iter().any(|p| p.file_name().is_some_and(|n| n == STATE_FILE))
            {
                due = true;
            }
        }
    }
    if due {
        live.since_poll = Duration::ZERO;
        live.read_now(&mut notices);
    }
}

/// Where the show stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShowPhase {
    /// The bracket is on screen; the next match starts after
    /// [`BRACKET_DWELL`].
    Bracket {
        /// Time spent on the bracket so far.
        waited: Duration,
    },
    /// A match is being played, game by game.
    Playing {
        /// The match.
        match_id: String,
        /// The game being shown, from 0.
        game: usize,
    },
}

/// The presentation: which finished matches the audience has seen, and
/// what is on screen.
#[derive(Resource, Debug)]
pub struct Show {
    /// Finished matches already shown, by id.
    pub revealed: BTreeSet<String>,
    /// What is on screen.
    pub phase: ShowPhase,
    /// The operator paused the show (the bracket stays up).
    pub paused: bool,
    /// The operator's selection on the bracket (to jump to any match).
    pub cursor: Option<String>,
    /// The bracket page on screen.
    pub page: usize,
    /// The operator chose the page; it no longer follows the highlight.
    pub manual_page: bool,
    /// The match shown last.
    pub last_shown: Option<String>,
    /// Treat the matches already finished when the viewer starts as shown.
    pub skip_finished_at_start: bool,
    /// Reveal every finished match at once, play nothing (screenshots).
    pub reveal_all: bool,
    seen_state: bool,
}

impl Default for Show {
    fn default() -> Self {
        Self {
            revealed: BTreeSet::new(),
            phase: ShowPhase::Bracket { waited: Duration::ZERO },
            paused: false,
            cursor: None,
            page: 0,
            manual_page: false,
            last_shown: None,
            skip_finished_at_start: false,
            reveal_all: false,
            seen_state: false,
        }
    }
}

/// The first finished match not shown yet, in bracket order.
pub fn next_to_reveal<'a>(state: &'a LiveState, revealed: &BTreeSet<String>) -> Option<&'a MatchRecord> {
    state.tournament.matches().iter().find(|m| m.status == MatchStatus::Finished && !revealed.contains(&m.id))
}

impl Show {
    /// The match highlighted on the bracket: the one being played; on the
    /// bracket, the one just shown for the first half of the wait, then the
    /// one coming next.
    pub fn highlight(&self, state: &LiveState) -> Option<String> {
        match &self.phase {
            ShowPhase::Playing { match_id, .. } => Some(match_id.clone()),
            ShowPhase::Bracket { waited } => {
                let next = next_to_reveal(state, &self.revealed).map(|m| m.id.clone());
                if (*waited < BRACKET_DWELL / 2 || next.is_none()) && self.last_shown.is_some() {
                    self.last_shown.clone()
                } else {
                    next
                }
            }
        }
    }

    /// The match being played, if any.
    pub fn playing(&self) -> Option<&str> {
        match &self.phase {
            ShowPhase::Playing { match_id, .. } => Some(match_id),
            ShowPhase::Bracket { .. } => None,
        }
    }
}

/// What the operator asks of the show.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum ShowCommand {
    /// Skip ahead: end the match being played (its result is revealed), or
    /// start the next match now.
    Next,
    /// Play the current (or last shown) match again from its first game.
    ReplayAgain,
    /// Back to the bracket, pausing the show.
    Back,
    /// Pause or resume the show (on the bracket).
    TogglePause,
    /// Move the selection to the next or previous finished match.
    Cursor(i32),
    /// Play the selected match.
    PlaySelected,
    /// Play this match now (jump to any match).
    Play(String),
    /// Show the next or previous bracket page.
    Page(i32),
}

/// The show's systems.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShowSystems;

/// Live mode without rendering: follows `state.json` and runs the show.
pub struct LivePlugin {
    /// The tournament's output directory.
    pub dir: PathBuf,
    /// Use file events as well as polling.
    pub watch: bool,
    /// Treat matches already finished at start-up as shown.
    pub skip_finished: bool,
}

impl Plugin for LivePlugin {
    fn build(&self, app: &mut App) {
        let show = Show { skip_finished_at_start: self.skip_finished, ..Show::default() };
        if !app.world().contains_resource::<Live>() {
            app.insert_resource(Live::new(&self.dir, self.watch));
        }
        app.insert_resource(show).add_message::<ShowCommand>().add_systems(
            Update,
            (follow_state_file, show_keys, run_show).chain().in_set(ShowSystems).before(PlaybackSystems),
        );
    }
}

/// Turns key presses into [`ShowCommand`]s: N next, R replay again, Esc
/// back to the bracket; on the bracket, space pauses, arrows select a match,
/// Enter plays it, page up/down change page and `[` `]` set the speed.
pub fn show_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    show: Res<Show>,
    mut playback: ResMut<Playback>,
    mut out: MessageWriter<ShowCommand>,
) {
    let Some(keys) = keys else { return };
    let on_bracket = show.playing().is_none();
    for key in keys.get_just_pressed() {
        let command = match key {
            KeyCode::KeyN => ShowCommand::Next,
            KeyCode::KeyR => ShowCommand::ReplayAgain,
            KeyCode::Escape | KeyCode::Backspace => ShowCommand::Back,
            KeyCode::Space if on_bracket => ShowCommand::TogglePause,
            KeyCode::ArrowRight | KeyCode::ArrowDown if on_bracket => ShowCommand::Cursor(1),
            KeyCode::ArrowLeft | KeyCode::ArrowUp if on_bracket => ShowCommand::Cursor(-1),
            KeyCode::Enter | KeyCode::NumpadEnter if on_bracket => ShowCommand::PlaySelected,
            KeyCode::PageDown if on_bracket => ShowCommand::Page(1),
            KeyCode::PageUp if on_bracket => ShowCommand::Page(-1),
            KeyCode::BracketRight if on_bracket => {
                playback.head.faster();
                continue;
            }
            KeyCode::BracketLeft if on_bracket => {
                playback.head.slower();
                continue;
            }
            _ => continue,
        };
        out.write(command);
    }
}

/// Runs the show: applies the operator's commands, moves from the bracket
/// to each match and back, and keeps the page on the highlighted match.
pub fn run_show(
    time: Res<Time>,
    live: Res<Live>,
    mut show: ResMut<Show>,
    mut playback: ResMut<Playback>,
    mut notices: ResMut<Notices>,
    mut commands: MessageReader<ShowCommand>,
) {
    let Some(state) = live.state.clone() else {
        commands.clear();
        return;
    };
    let dir = live.dir.clone();
    let ctx = Ctx { state: &state, dir: &dir };
    if !show.seen_state {
        show.seen_state = true;
        if show.skip_finished_at_start || show.reveal_all {
            let done: Vec<String> = finished(&state).map(|m| m.id.clone()).collect();
            show.last_shown = done.last().cloned();
            show.revealed.extend(done);
        }
    }
    if show.reveal_all {
        let done: Vec<String> = finished(&state).map(|m| m.id.clone()).collect();
        show.revealed.extend(done);
        commands.clear();
        follow_page(&mut show, &state);
        return;
    }
    for command in commands.read() {
        match command.clone() {
            ShowCommand::Next => match show.phase.clone() {
                ShowPhase::Playing { match_id, .. } => ctx.finish(&mut show, &mut playback, &match_id),
                ShowPhase::Bracket { .. } => {
                    show.paused = false;
                    show.phase = ShowPhase::Bracket { waited: BRACKET_DWELL };
                }
            },
            ShowCommand::ReplayAgain => {
                let id = show.playing().map(str::to_owned).or_else(|| show.last_shown.clone());
                if let Some(id) = id {
                    ctx.start(&mut show, &mut playback, &mut notices, &id);
                }
            }
            ShowCommand::Back => {
                if let ShowPhase::Playing { match_id, .. } = show.phase.clone() {
                    ctx.finish(&mut show, &mut playback, &match_id);
                }
                show.paused = true;
            }
            ShowCommand::TogglePause => show.paused = !show.paused,
            ShowCommand::Cursor(delta) => {
                let list: Vec<String> = finished(&state).map(|m| m.id.clone()).collect();
                if list.is_empty() {
                    continue;
                }
                let at = show.cursor.as_ref().and_then(|c| list.iter().position(|id| id == c));
                let i = match at {
                    Some(i) => (i as i64 + i64::from(delta)).rem_euclid(list.len() as i64) as usize,
                    None if delta >= 0 => 0,
                    None => list.len() - 1,
                };
                show.cursor = Some(list[i].clone());
                show.manual_page = false;
                if let Some(m) = state.tournament.match_by_id(&list[i]) {
                    show.page = page_of(&pages(&state), m);
                    show.manual_page = true;
                }
            }
            ShowCommand::PlaySelected => {
                if let Some(id) = show.cursor.clone() {
                    ctx.start(&mut show, &mut playback, &mut notices, &id);
                }
            }
            ShowCommand::Play(id) => ctx.start(&mut show, &mut playback, &mut notices, &id),
            ShowCommand::Page(delta) => {
                let n = pages(&state).len().max(1) as i64;
                show.page = (show.page as i64 + i64::from(delta)).rem_euclid(n) as usize;
                show.manual_page = true;
            }
        }
    }

    match show.phase.clone() {
        ShowPhase::Bracket { waited } => {
            let waited = if show.paused { waited } else { (waited + time.delta()).min(BRACKET_DWELL) };
            show.phase = ShowPhase::Bracket { waited };
            if waited >= BRACKET_DWELL
                && !show.paused
                && let Some(next) = next_to_reveal(&state, &show.revealed)
            {
                let id = next.id.clone();
                ctx.start(&mut show, &mut playback, &mut notices, &id);
            }
        }
        ShowPhase::Playing { match_id, game } => {
            let done = match &playback.view {
                Some(view) => playback.head.at_end(view) && playback.head.held_ticks() >= GAME_END_HOLD_TICKS,
                None => true,
            };
            if done {
                ctx.play_game(&mut show, &mut playback, &mut notices, &match_id, game + 1);
            }
        }
    }
    follow_page(&mut show, &state);
}

fn finished(state: &LiveState) -> impl Iterator<Item = &MatchRecord> {
    state.tournament.matches().iter().filter(|m| m.status == MatchStatus::Finished)
}

fn follow_page(show: &mut Show, state: &LiveState) {
    let all: Vec<Page> = pages(state);
    if show.manual_page && show.playing().is_none() {
        show.page = show.page.min(all.len().saturating_sub(1));
        return;
    }
    if let Some(m) = show.highlight(state).and_then(|id| state.tournament.match_by_id(&id).cloned()) {
        show.page = page_of(&all, &m);
    } else {
        show.page = show.page.min(all.len().saturating_sub(1));
    }
}

struct Ctx<'a> {
    state: &'a LiveState,
    dir: &'a Path,
}

impl Ctx<'_> {
    /// Starts playing match `id` from its first game.
    fn start(&self, show: &mut Show, playback: &mut Playback, notices: &mut Notices, id: &str) {
        let Some(m) = self.state.tournament.match_by_id(id) else {
            notices.set(REPLAY_NOTICE, format!("There is no match {id} in this tournament."));
            return;
        };
        if m.status != MatchStatus::Finished {
            notices.set(REPLAY_NOTICE, format!("{} {id} has not been played yet.", m.round_name));
            return;
        }
        show.manual_page = false;
        show.cursor = None;
        self.play_game(show, playback, notices, id, 0);
    }

    /// Plays game `game` of match `id`, skipping games whose replay cannot
    /// be played; after the last game, back to the bracket.
    fn play_game(&self, show: &mut Show, playback: &mut Playback, notices: &mut Notices, id: &str, game: usize) {
        let games = self.state.games.get(id).map(Vec::as_slice).unwrap_or_default();
        let m = self.state.tournament.match_by_id(id);
        for (g, file) in games.iter().enumerate().skip(game) {
            let path = LiveState::path_in(self.dir, &file.replay);
            match playback.load(&path) {
                Ok(()) => {
                    notices.clear(REPLAY_NOTICE);
                    show.phase = ShowPhase::Playing { match_id: id.to_owned(), game: g };
                    playback.keys_enabled = true;
                    playback.head.paused = false;
                    if let Some(m) = m {
                        playback.caption = Some(caption(self.state, m, g, games.len()));
                        let right = m.entrants().map(|es| if es[0] == file.left { es[1] } else { es[0] });
                        let avatar = |e: Option<arena_tournament::EntrantIdx>| {
                            e.and_then(|e| self.state.bots.get(e.index()))
                                .and_then(|b| b.avatar.as_ref())
                                .map(|p| LiveState::path_in(self.dir, p))
                        };
                        playback.avatars = [avatar(Some(file.left)), avatar(right)];
                    }
                    return;
                }
                Err(e) => notices.set(REPLAY_NOTICE, format!("{e} Skipping game {}.", g + 1)),
            }
        }
        self.finish(show, playback, id);
    }

    /// Marks match `id` shown and returns to the bracket.
    fn finish(&self, show: &mut Show, playback: &mut Playback, id: &str) {
        show.revealed.insert(id.to_owned());
        show.last_shown = Some(id.to_owned());
        show.phase = ShowPhase::Bracket { waited: Duration::ZERO };
        show.manual_page = false;
        playback.view = None;
        playback.keys_enabled = false;
        playback.caption = None;
    }
}

/// "Quarter-final · QF2 · game 1 of 3 · series 1–0".
fn caption(state: &LiveState, m: &MatchRecord, game: usize, games: usize) -> String {
    let files = state.games.get(&m.id).map(Vec::as_slice).unwrap_or_default();
    let mut score = [0, 0];
    let es = m.entrants();
    for f in files.iter().take(game) {
        if let (Some(w), Some(es)) = (f.winner, es) {
            if w == es[0] {
                score[0] += 1;
            } else if w == es[1] {
                score[1] += 1;
            }
        }
    }
    let kind = match files.get(game).map(|f| f.kind) {
        Some(arena_sim::MatchKind::SuddenDeath) => " (sudden death)",
        _ => "",
    };
    let name =
        |i: usize| es.and_then(|es| state.tournament.entrant(es[i])).map_or_else(String::new, |e| e.name.clone());
    format!(
        "{} {} · game {} of {}{kind} · series {} {}–{} {}",
        m.round_name,
        m.id,
        game + 1,
        games.max(1),
        name(0),
        score[0],
        score[1],
        name(1)
    )
}
