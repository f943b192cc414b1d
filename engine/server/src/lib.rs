//! # arena-server: submissions across the room
//!
//! At an event, participants submit from their own laptops to the
//! organiser's machine. This crate is both sides of that:
//!
//! - [`Server`]: an HTTP server (axum on tokio) in front of a registry
//!   directory (`arena serve`). It validates each upload on a bounded pool
//!   of workers, stores the bots that pass with [`arena_registry`] (which
//!   writes atomically and syncs to disk before the server answers), and
//!   serves the list of entrants, their validation results and replays,
//!   and the event's web pages (below).
//! - [`Client`]: a small blocking client (`arena submit --server URL`,
//!   `arena bots --server URL`).
//!
//! ## The API
//!
//! Every answer is JSON (replays and avatars excepted); every error is
//! `{"error": "…"}` with a message a person can act on.
//!
//! | method and path | what it does |
//! | --- | --- |
//! | `GET /api/v1/health` | [`api::Health`]: up, open or closed, deadline, queue |
//! | `POST /api/v1/submissions` | submit a bot: a `multipart/form-data` form with the fields `name`, `author`, `wasm` (the file) and optionally `avatar` (a PNG); or the raw `.wasm` as the body with `?name=…&author=…`. Answers [`api::SubmitAnswer`]: 200 when stored, 422 when the bot fails validation |
//! | `GET /api/v1/bots` | the registry's index ([`arena_registry::Index`]) |
//! | `GET /api/v1/bots/{name}` | one entrant and all its versions ([`arena_registry::Entrant`]) |
//! | `GET /api/v1/bots/{name[@N]}/validation` | [`api::ValidationAnswer`] of the newest (or the N-th) version |
//! | `GET /api/v1/bots/{name[@N]}/replay` | its validation replay (bytes) |
//! | `GET /api/v1/bots/{name[@N]}/avatar` | its avatar (PNG) |
//! | `GET /api/v1/replays/{sha256}` | the validation replay of a bot by its hash, stored or not (a failed validation's replay is kept in memory for a while); a stored version's own is `bots/{name}@{version}/replay` |
//! | `POST /api/v1/admin/close` | close submissions now and lock the registry (admin token) |
//! | `POST /api/v1/play?opponent=ID` | the playground: a form like a submission's, played against `example:NAME` or `entrant:NAME` under the event's rules and stored nowhere; answers [`api::PlayAnswer`] |
//! | `GET /api/v1/play/opponents` | the playground's opponents ([`api::Opponent`]) |
//! | `GET /api/v1/play/{id}` | a playground match's replay, kept in memory for a while |
//!
//! ## The pages
//!
//! For a browser, on the same port: `/` (the entrants), `/bots/NAME` (a
//! bot's versions, checks and validation replay), `/submit` (the form,
//! which posts to the API above), `/play` (the playground), `/live` (the
//! tournament of [`ServerConfig::tournament_dir`]) and `/watch/...` (any
//! replay, re-simulated in the browser by arena-sim compiled to wasm and
//! drawn by arena-scene, as on the projector). The replay player's bundle
//! is what `cargo xtask web` builds ([`ServerConfig::web_dir`]). A bad
//! address gets a page that says what to fix.
//!
//! Authentication is `Authorization: Bearer TOKEN`, with tokens from a
//! [`Tokens`] file; a token submits only under its own handle. Without a
//! tokens file the server is open.
//!
//! ```no_run
//! use arena_server::{Server, ServerConfig};
//!
//! let config = ServerConfig::new("arena-registry");
//! let runtime = tokio::runtime::Runtime::new().unwrap();
//! runtime.block_on(async {
//!     let server = Server::bind(config, "127.0.0.1:8080".parse().unwrap()).await.unwrap();
//!     println!("listening on http://{}", server.local_addr());
//!     server.run(async { tokio::signal::ctrl_c().await.ok(); }).await.unwrap();
//! });
//! ```

mod error;
mod rate;
mod server;
pub mod submission;
pub mod time;
mod tokens;

pub use arena_client::{Client, ClientError, api};
pub use error::ServerError;
pub use server::{Server, ServerConfig, Startup, serve_blocking};
pub use time::Deadline;
pub use tokens::{ADMIN, Tokens, generate_token, tokens_file};
