//! The submission server: configuration, state, routes and the accept loop.
//!
//! A request comes in through [`serve`]'s accept loop, [`routes`] hands it
//! to a handler, and every handler works on the one [`state::Shared`].
//! Submissions go through [`submit`] step by step, under the [`limits`] on
//! connections, uploads and memory; everything else only reads ([`reads`])
//! or is the organiser's ([`admin`]); the [`playground`] plays a match
//! that is stored nowhere. The event's web pages ([`pages`]) are
//! served beside the API.

mod admin;
mod api_error;
mod auth;
mod config;
mod limits;
mod pages;
mod playground;
mod reads;
mod routes;
mod serve;
mod state;
mod submit;
mod upload;

pub use config::{ServerConfig, Startup};
pub use serve::{Server, serve_blocking};

use api_error::ApiError;

/// One line of the server's log, on stderr, stamped with the UTC time. Its
/// text may hold a bot's words (an `init` error, a name), so control
/// characters are escaped: one line stays one line, and nothing a bot
/// writes reaches the organiser's terminal as a command.
fn log(line: &str) {
    let t = crate::time::unix_now().rem_euclid(86_400);
    eprintln!("[{:02}:{:02}:{:02}Z] {}", t / 3600, t % 3600 / 60, t % 60, arena_sim::printable(line));
}

/// Runs blocking work (file input and output) off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)
}
